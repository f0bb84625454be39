"""Attribution rules added for accuracy, one table per rule; every sentence is invented."""

from __future__ import annotations

import pytest

from quotes.parse import QuoteKind, parse_article


def _speaker_of_first_speech(text: str) -> str | None:
    """The speaker the rules find, whatever its confidence (withholding has tests of its own)."""
    parse = parse_article(text, min_confidence=0.0)
    for quote in parse.quotes:
        if quote.kind in (QuoteKind.SPEECH, QuoteKind.PARTIAL):
            speaker = parse.speaker_of(quote)
            return speaker.name if speaker else None
    raise AssertionError("no quote found")


def _speaker_of_first_speech_after(text: str, quote_text: str) -> str | None:
    parse = parse_article(text, min_confidence=0.0)
    for quote in parse.quotes:
        if quote.text == quote_text:
            speaker = parse.speaker_of(quote)
            return speaker.name if speaker else None
    raise AssertionError("no such quote")


# Photo credits left inline ("(Name / Outlet)", "Photo: Name/Outlet", "(Submitted by Name)") name the
# photographer, never the person a later pronoun refers to.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ("Anna Grant runs the shelter on King Street.\n\nTents stand in the park. (Maria Lopez / City News)"
            '\n\n"We need more beds," she added.'),
            "Anna Grant",
        ),
        (
            "Tents stand in the park. (Maria Lopez/City News)\n\n\"We need more beds,\" she added.",
            None,
        ),
        (
            'The bakery on Main Street. Photo: David Moss/Wire Service\n\n"Bread is my life," he said.',
            None,
        ),
        (
            'The bakery on Main Street. (Submitted by David Moss)\n\n"Bread is my life," he said.',
            None,
        ),
        (
            ("David Moss/The Daily Press Kevin Lane, right, greets fans after the game.\n\n"
            '"It was a great night," he said.'),
            "Kevin Lane",
        ),
    ],
)
def test_photo_credits_are_not_antecedents(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A passive reporting verb ("he was also described as") does not make its subject the speaker; a
# progressive one ("she is telling reporters") does.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Tom Reid was arrested in May.\n\nHe was also described as "a danger to the public."', None),
        ('Tom Reid was arrested in May.\n\nHe has since been described as "a danger to the public."', None),
        ('Mayor Ruth Lang is telling residents that "the water is safe to drink."', "Ruth Lang"),
        ('Mayor Ruth Lang was insisting that "the water is safe to drink."', "Ruth Lang"),
    ],
)
def test_passive_and_progressive_verb_groups(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A he/she resolved to a person of unknown gender tells that person's gender ("Robin Vale ... She").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ('Robin Vale won the tournament.\n\n"It was a long week," said Vale.\n\nShe thanked the fans.\n\n'
            'Asked about his form, Pat Moore did not hesitate.\n\n"I feel great," he said.'),
            "Pat Moore",
        ),
        (
            ('Robin Vale won the tournament.\n\n"It was a long week," said Vale.\n\nShe thanked the fans.\n\n'
            'The weather was fine.\n\n"I feel great," he said.'),
            None,
        ),
        (
            ('Robin Vale won the tournament.\n\n"It was a long week," said Vale.\n\nShe thanked the fans.\n\n'
            'The weather was fine.\n\n"I feel great," she said.'),
            "Robin Vale",
        ),
    ],
)
def test_resolved_pronoun_gives_gender(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, "I feel great,") == expected


def test_resolved_cue_pronoun_supersedes_the_narrative_guess_for_that_token() -> None:
    """The narrative pass guesses a he/she before any quote is attributed; the cue's resolution wins."""
    from quotes.parse.descriptions import Mention
    from quotes.parse.entities import Registry

    registry = Registry()
    first = registry.for_name(Mention("name", 0, 9, 0, 9, "Tom Hale", gender="m"), 0)
    second = registry.for_name(Mention("name", 20, 29, 20, 29, "John Park", gender="m"), 20)
    registry.note(first, 40, 1, 3, subject=True)  # the narrative pass's guess for "he" at 40
    registry.note(second, 40, 1, 3, subject=True, speaker=True)  # the cue resolution of the same "he"
    assert registry.antecedent("he", 60, 1, 3).entity is second


# A subject earlier in the pronoun's own sentence outranks a speaker of an earlier sentence.
@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            ('Ana Ruiz, the mayor, said the plan was sound. "We are ready," she said.\n\n'
            'Maria Costa seemed to agree. "It is a good plan," she said.'),
            "It is a good plan,",
            "Maria Costa",
        ),
        (
            'Tom Hale spoke first. "Hello," he said.\n\nJohn Park nodded. "I agree," he said.',
            "I agree,",
            "John Park",
        ),
    ],
)
def test_same_sentence_subject_is_the_antecedent(text: str, quote: str, expected: str) -> None:
    assert _speaker_of_first_speech_after(text, quote) == expected


# A person opening a clause inside the pronoun's own sentence ("it was only last year that Peter Holm
# found ...") is a candidate antecedent, below that sentence's own subject.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ('Tom Reid said the archive was closed.\n\nYet it was only last year that Peter Holm found the letters. '
            '"I was stunned," he says.'),
            "Peter Holm",
        ),
        (
            ('Tom Reid said the archive was closed.\n\nIt rained when Peter Holm arrived at the door. '
            '"I was stunned," he says.'),
            "Peter Holm",
        ),
        (
            'Tom Reid said that when Peter Holm arrived, the doors were shut. "I was stunned," he says.',
            "Tom Reid",
        ),
    ],
)
def test_clause_subject_in_the_pronouns_sentence(text: str, expected: str) -> None:
    assert _speaker_of_first_speech_after(text, "I was stunned,") == expected


# Manner-of-speaking verbs are reporting verbs.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"What a night!" beamed Carla Diaz, a fan from the city.', "Carla Diaz"),
        ('"Get out," Tom Reid screamed.', "Tom Reid"),
        ('Tom Reid leaned in and boomed: "We will win."', "Tom Reid"),
        ('"Nonsense," Ana Ruiz fumed.', "Ana Ruiz"),
        ('"Taxes, taxes, taxes," Ana Ruiz riffed.', "Ana Ruiz"),
    ],
)
def test_manner_of_speaking_verbs(text: str, expected: str) -> None:
    assert _speaker_of_first_speech(text) == expected


# "Jane Roe of Springfield" / "of the Water Board": an affiliation or home town after a person's name is
# neither the speaker's name nor a separate speaker; "Secretary of State Jane Roe" stays a title.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"What a night!" said Carla Diaz of Springfield, Ohio.', "Carla Diaz"),
        ('"What a night!" beamed Donald Marsh of Springfield, Ohio, who came early.', "Donald Marsh"),
        ('"It was the least bad outcome," Ms. Vera Lind of the Water Board said.', "Vera Lind"),
        ('"No deal," Sen. Tom Hale of Ohio said.', "Tom Hale"),
        ('Sen. Tom Hale of Ohio said: "No deal."', "Tom Hale"),
        ('"No deal," said Secretary of State Tom Hale.', "Tom Hale"),
    ],
)
def test_affiliation_after_a_name(text: str, expected: str) -> None:
    assert _speaker_of_first_speech(text) == expected


# '"Q," the city's water director, Jane Roe, said': the name in apposition at the end of the sentence speaks.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"That would have been fair," the White House press secretary, Tom Hale, said on Tuesday.', "Tom Hale"),
        ('"We are ready," the company\'s longtime chief engineer, Ana Ruiz, told reporters.', "Ana Ruiz"),
        ('"We are ready," the city\'s water director, Ana Ruiz, said.', "Ana Ruiz"),
    ],
)
def test_name_in_apposition_closing_the_sentence(text: str, expected: str) -> None:
    assert _speaker_of_first_speech(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The city\'s water director, Ana Ruiz, said: "We are ready."', "Ana Ruiz"),
        ('The museum\'s curator, Tom Hale, told reporters, "It will open soon."', "Tom Hale"),
        ('Ana Ruiz, the water director, said: "We are ready."', "Ana Ruiz"),
    ],
)
def test_name_in_apposition_before_the_verb(text: str, expected: str) -> None:
    assert _speaker_of_first_speech(text) == expected


# A quote paragraph with no cue after a narrative paragraph about one person alone is that person's
# (rule topic, or topic-unheard when the person has not spoken before); another person in that
# paragraph leaves it unresolved (a paragraph naming nobody is an aside: tests/parse/test_narrative_speakers.py).
_TOPIC_INTRO = '"The rent went up again," said Nora Blake, a nurse in the east end.\n\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_TOPIC_INTRO + 'Blake moved twice last year. She now shares a flat.\n\n"It is small but it is home."',
         "Nora Blake"),
        (_TOPIC_INTRO + 'Still, even with her savings, Blake had to sell her car.\n\n"It is small but it is home."',
         "Nora Blake"),
        (_TOPIC_INTRO + 'Blake moved twice last year. Her landlord, Tom Reid, raised the rent.\n\n'
         '"It is small but it is home."', None),
        ('Nora Blake moved twice last year. She now shares a flat.\n\n"It is small but it is home."', "Nora Blake"),
        (_TOPIC_INTRO + 'Rents rose by a third last year, and Tom Reid raised them again.\n\n"It is small but it is home."',
         None),
    ],
)
def test_quote_paragraph_after_a_paragraph_about_its_speaker(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, "It is small but it is home.") == expected


# "called" followed by a determiner or an object pronoun names something ("a group called the ...",
# "he called them ..."); it is not a reporting verb.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The banner read "Vote no," a slogan from a group called the "Save Our Park Fund."', None),
        ('"Stop the tower," a leaflet linked to a group called the "Save Our Park Fund" declared.', None),
        ('"Come inside, everyone!" Ana Ruiz called.', "Ana Ruiz"),
    ],
)
def test_called_naming_is_not_a_cue(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A pull quote left open at its paragraph's end, then a caption line "Name, description" with no verb,
# is that name's; a narrative sentence on the next line is not a caption.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (('Tom Hale spoke first.\n\n"We have never seen a race like this one.\nAna Ruiz, a historian at '
         'Lakeview College, on the election."\n\nThe polls open at eight.'), "Ana Ruiz"),
        (('Tom Hale spoke first.\n\n"We have never seen a race like this one.\nAna Ruiz, historian\n\n'
         'The polls open at eight.'), "Ana Ruiz"),
        (('The vote is on Tuesday.\n\n"We have never seen a race like this one.\nAna Ruiz, the historian, '
         'who wrote the book.\n\nThe polls open at eight.'), None),
        (('The vote is on Tuesday.\n\n"We have never seen a race like this one.\nAna Ruiz, the historian, '
         'arrived late.\n\nThe polls open at eight.'), None),
    ],
)
def test_pull_quote_with_caption_line_after(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, "We have never seen a race like this one.") == expected


# A quote inside a sentence that names another person before it does not continue the previous
# quote's speaker in the paragraph.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (('Tom Hale called the bridge a "monument to waste." All this led the engineer Ana Ruiz to '
          'predict "a collapse within ten years."'), None),
        ('Tom Hale called the bridge a "monument to waste." He later warned of "a collapse within ten years."',
         "Tom Hale"),
    ],
)
def test_other_person_in_the_sentence_blocks_continuation(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, "a collapse within ten years.") == expected


# A possessive after a person named as an object ("came home to find X asleep on her couch") is no
# evidence of that person's gender; after a subject it is ("X slept in her car").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Ana Ruiz came home to find Morgan Quill asleep on her couch.\n\n"I had been driving all night," he said.',
         "Morgan Quill"),
        ('Morgan Quill slept in her car.\n\n"I had been driving all night," he said.', None),
        ('Morgan Quill slept in her car.\n\n"I had been driving all night," she said.', "Morgan Quill"),
    ],
)
def test_possessive_after_an_object_gives_no_gender(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A name followed by a comma and a state or province abbreviation is a place, never a he or she.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The storm reached Dunmore, Ont., on Monday.\n\n"We lost power," she said.', None),
        ('The storm reached Dunmore, Ga., on Monday.\n\n"We lost power," she said.', None),
        ('The storm reached Dunmore, N.B., on Monday.\n\n"We lost power," she said.', None),
        ('Ana Ruiz, Jr., watched the storm.\n\n"We lost power," she said.', "Ana Ruiz"),
    ],
)
def test_name_before_a_region_abbreviation_is_a_place(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A quote introduced by a comma or colon that ends its sentence does not take a capitalised pronoun
# cue after it: 'telling her, "Q!" She replied ...' starts the next sentence.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (('Ana Ruiz was injured in May. Tom Hale wrote to her, calling her "a legend" and telling her, '
          '"You are the best in the league!" She replied that it was an honor.'), None),
        ('Ana Ruiz was injured in May. Then, on the radio: "You are the best in the league!" she said.', "Ana Ruiz"),
    ],
)
def test_capitalised_pronoun_after_an_introduced_quote_starts_a_sentence(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, "You are the best in the league!") == expected


# A quote with no cue of its own takes the next quote's cue only when that cue follows the next quote;
# a cue standing between the two ("Likewise, a report ... had this to say:") introduces the next one.
@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            ('The Daily Ledger recently ran a column that noted the plan "would cost the town far more than it '
             'saves." Likewise, a report from the Harbor Institute had this to say about the levy: "Families in '
             'the middle would pay the most."'),
            "would cost the town far more than it saves.",
            "The Daily Ledger",
        ),
        (
            'Fundraising was "slow for a month" and then "picked up again in June," the treasurer Mary Holt said.',
            "slow for a month",
            "Mary Holt",
        ),
    ],
)
def test_next_quotes_cue_between_the_quotes_is_not_inherited(text: str, quote: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, quote) == expected


# Capitalised prepositions and conjunctions opening a sentence ("Amid", "Against", "Unless") are not names.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Amid what the Gazette called a "rough month" for the mayor, the council met again.', None),
        ('Against what the union called a "costly and reckless deal" for everyone, the board voted yes.', None),
        ('Unless what the Gazette called a "rough month" for the mayor ends, the council will act.', None),
    ],
)
def test_capitalised_preposition_is_not_a_speaker(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A cue after a quote that ends in a colon right after its verb ('He added:', 'X told reporters:')
# introduces the next quote; the quote before it keeps its own attribution, or none.
@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            ('The firm Baxter Audit said it was "confident in every figure we checked." Its chairman, Lisa Park, '
             'added: "The results will be public next week."'),
            "confident in every figure we checked.",
            "Baxter Audit",
        ),
        (
            'Despite what critics called a "reckless plan," the minister Paul Reed told reporters: "We will go ahead."',
            "reckless plan,",
            None,
        ),
        ('"We are ready," Sam Ortiz said, adding: "We have trained for months."', "We are ready,", "Sam Ortiz"),
        (
            '"We are ready," Sam Ortiz said on Monday, and then predicted: "We will win."',
            "We are ready,",
            "Sam Ortiz",
        ),
    ],
)
def test_cue_ending_in_a_colon_introduces_the_next_quote(text: str, quote: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, quote) == expected


# A lead-in verb in a bare participle after a noun ("a letter that included teachers urging ...") is a
# reduced relative clause, not the sentence's speaker introducing the quote paragraph that follows.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ('The city issued a report on the flooding, which quoted residents warning that the dam was weak.\n\n'
             '"We have acted on every finding in the report and will keep doing so."'),
            None,
        ),
        (
            ('The union sent a letter to the board, which included teachers urging a strike.\n\n'
             '"We cannot accept these terms and we will not sign them."'),
            None,
        ),
        ('Mayor Ruth Lang spoke to reporters after the vote.\n\n"We did what we promised to do for this town."',
         "Ruth Lang"),
    ],
)
def test_participle_after_a_noun_is_not_a_lead_in(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A name after a locative preposition ("bought in New Kelso", "near Elm Crossing") with no sign of a
# person is a place: never the antecedent of he or she.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The pills were bought in New Kelso. Nobody was charged at first.\n\n"I will not stop asking," she says.', None),
        ('The crash happened near Elm Crossing. But the family kept pressing.\n\n"We want answers," he said.', None),
        ('Jane Roe has lived in Elm Crossing for years.\n\n"I love it here," she says.', "Jane Roe"),
        ('Voters put their trust in Dale Brandt last year.\n\n"I will not let them down," he said.', "Dale Brandt"),
    ],
)
def test_name_after_a_locative_preposition_is_not_he_or_she(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A title word right after a courtesy title is a surname ("Mr. King", "Ms. Bishop"); a title followed by
# a name stays a title ("Mr. Justice Hale").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The rally is in Ohio. "It is all about turnout this time," Mr. King added.', "King"),
        ('"We will appeal the ruling," Ms. Bishop said.', "Bishop"),
        ('"The appeal is dismissed," said Mr. Justice Hale.', "Hale"),
    ],
)
def test_title_word_after_a_courtesy_title_is_a_surname(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


def _first_mention(text: str) -> str | None:
    parse = parse_article(text)
    quote = parse.quotes[0]
    return quote.mention.text if quote.mention else None


# After a quote, a description the noun-phrase parser reads only in part ("the Herald employee", "the
# progressive heavyweights") runs up to its reporting verb; descriptor words may hold a capitalised title or
# party ("undecided Democratic voter Carla Mendes").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"It is hard to blame him for being confused," the Herald employee wrote.', "the Herald employee"),
        ('"We stand together," the progressive heavyweights wrote in a joint statement.',
         "the progressive heavyweights"),
        ('"I have not made up my mind," said undecided Democratic voter Carla Mendes of Nashua, N.H., after the rally.',
         "Carla Mendes"),
        ('"We are ready," the team coach Tom Hale said.', "Tom Hale"),
        (('The FBI confirmed that it was "working on matters related to the server." The agency declined to '
          'publicly detail the scope.'), "The FBI"),
    ],
)
def test_long_description_after_a_quote(text: str, expected: str | None) -> None:
    assert _first_mention(text) == expected


# '"Q," adding that ...' after a quote: the participle carries on the sentence before the quote, whose
# subject spoke; it is not an inverted cue.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (('In a statement, Acme Mining said: "Our firm was very successful when it became independent," adding '
          'that its value quadrupled.'), "Acme Mining"),
        ('Mayor Ruth Lang said the plan was "far too expensive for the town," adding that she would vote no.',
         "Ruth Lang"),
    ],
)
def test_participle_after_a_quote_is_not_its_cue(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A middle initial ("John Q. Hale", "Maria A. Lopez") is part of the name, not the article "a".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (('Maria A. Lopez, a former diplomat who now teaches at the Civic Institute, said, "They almost certainly '
          'read it."'), "Maria A. Lopez"),
        (('Baxter Partners, a fund run by John A. Baxter, bought more shares. Mr. Baxter told investors the fears '
          'were "overblown."'), "John A. Baxter"),
    ],
)
def test_middle_initial_a_is_part_of_the_name(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A bare surname shared by people with different given names goes to the one who has already spoken
# ("Kevin Hale said ... his son, Andrew Hale ... Hale said"), not merely the latest named.
@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            ('"We are ready for the season," Kevin Hale said on Monday.\n\nHale\'s son, Andrew Hale, is a police '
             'officer in town.\n\n"It is a long road," Hale said.'),
            "It is a long road,",
            "Kevin Hale",
        ),
        (
            ('"We are ready," Kevin Hale said.\n\n"I agree," Andrew Hale said.\n\n"It is a long road," Hale said.'),
            "It is a long road,",
            "Andrew Hale",
        ),
    ],
)
def test_bare_surname_prefers_the_namesake_who_spoke(text: str, quote: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, quote) == expected


# Before a quote introduced by a colon or comma, the verb that introduces it is the last reporting verb
# that is not a noun ("about the email inquiry") and not inside a reduced clause ("when asked").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (('The decision rests with Attorney General Jane Roe, who told senators when asked last month about the '
          'email inquiry: "That matter is handled by career agents."'), "Jane Roe"),
        (('The plan needs the approval of Jane Roe, who told senators when asked last month: "It is being handled '
          'by career agents."'), "Jane Roe"),
        (('The plan needs the approval of Jane Roe, who told senators about the email inquiry: "It is being '
          'handled by career agents."'), "Jane Roe"),
    ],
)
def test_noun_and_reduced_clause_are_not_the_introducing_verb(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# "X told a woman who suggested that ... that 'Q'": the relative clause's subject is the object of
# another reporting verb, so whose words the quote holds is unclear; no speaker rather than a wrong one.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (('At the forum, Dana Cole told a young man who suggested that voting was pointless that "no generation '
          'has ever won anything by staying home."'), None),
        ('At the forum, a young man who said he would not vote told reporters "nobody listens to us anyway."',
         "a young man who said he would not vote"),
    ],
)
def test_relative_clause_on_the_object_of_a_reporting_verb(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


_LONG_GAP = " ".join(f"The line was closed in {year}." for year in range(1990, 2004))


# A he or she with no antecedent in reach is the article's only speaker of that gender so far.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f'"I miss him every day," Mary Brandt said.\n\n{_LONG_GAP}\n\n"I will keep fighting," she says.',
         "Mary Brandt"),
        ((f'"I miss him," Mary Brandt said. "Me too," Ann Cole said.\n\n{_LONG_GAP}\n\n"I will keep fighting," '
          'she says.'), None),
    ],
)
def test_sole_speaker_of_the_pronouns_gender(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, "I will keep fighting,") == expected


# A link line left in the text ("WATCH: ...", "READ MORE: ...", "Related: ...") is another story's
# headline: its quotes are terms, not speech.
@pytest.mark.parametrize(
    "line",
    [
        "WATCH: Mayor says council is 'acting in bad faith' over budget",
        "READ MORE: Premier says voters 'deserve better' after vote",
        "Watch: Coach calls the loss 'a wake-up call' for the team",
    ],
)
def test_quotes_in_a_link_line_are_terms(line: str) -> None:
    text = f'The council met on Monday.\n\n{line}\n\n"We will vote again," Mayor Ruth Lang said.'
    parse = parse_article(text)
    kinds = {quote.text: quote.kind for quote in parse.quotes}
    assert [text for text, kind in kinds.items() if kind is not QuoteKind.TERM] == ["We will vote again,"]


# A photo caption closed by its credit ("(Ann Lee/CBC)") repeats the story; its quotes are not speech.
@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Asked what he wants from the city, Tom Reid says: 'Just listen to us.' (Ann Lee/CBC)", []),
        ("Tom Reid says: 'Just listen to us.' (Ann Lee / City News)", []),
        ("Tom Reid says: 'Just listen to us.' (He has lived here since 2001.)", ["Just listen to us."]),
        # a long caption: the credit is found at the end of the paragraph, whatever comes before it
        ("Tom Reid, " + "who has lived on the street for years, " * 5 + "says: 'Just listen to us.' "
         "(Ann Lee-Whitfield, staff photographer / The Springfield Evening Chronicle)", []),
        ("(Ann Lee/CBC) Tom Reid says: 'Just listen to us.' " + "He moved here in 2001. " * 5,
         ["Just listen to us."]),
    ],
)
def test_quotes_in_a_photo_caption_are_not_speech(caption: str, expected: list[str]) -> None:
    parse = parse_article(f'The shelter opened in May.\n\n{caption}\n\n"We need beds," Mayor Ruth Lang said.')
    speech = [quote.text for quote in parse.quotes if quote.kind is not QuoteKind.TERM]
    assert speech == [*expected, "We need beds,"]


# A quote opening a sentence inside a paragraph, with no cue of its own, right after a narrative sentence
# whose subject speaks ("Jane Roe, the party chair, said in a statement. "Q"") is that speaker's.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The vote was close. Jane Roe, the party chair, said in a statement. "We accept the result and move on."',
         "Jane Roe"),
        ('The vote was close. Jane Roe wrote on her blog. "We accept the result and we move on."', "Jane Roe"),
        ('The vote was close and the hall was loud. "We accept the result and we move on."', None),
    ],
)
def test_quote_after_a_speaking_sentence_in_its_paragraph(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# Pieces of one quotation (left open at a paragraph's end, running on into the next) have one speaker:
# when a later piece's own cue names someone else, the earlier piece's inherited speaker is dropped.
def test_conflicting_pieces_of_one_quotation_drop_the_inherited_speaker() -> None:
    text = ('"It is a warning," Mayor Ruth Lang said on Friday. "If the budget fails, then the town fails\n\n'
            '"I have been thinking about this for a long time," added Councillor Tom Hale.')
    assert _speaker_of_first_speech_after(text, "It is a warning,") == "Ruth Lang"
    assert _speaker_of_first_speech_after(text, "If the budget fails, then the town fails") is None
    assert _speaker_of_first_speech_after(text, "I have been thinking about this for a long time,") == "Tom Hale"


# "Jane Roe's office said", '"Q," Smith's spokesman said': the possessed noun speaks, not the owner;
# unresolved, the description stays as the mention.
@pytest.mark.parametrize(
    ("text", "speaker", "mention"),
    [
        ('Jane Roe\'s office said in a statement: "We will appeal."', None, "Jane Roe's office"),
        ('Congressman Tom Hale\'s lawyer told reporters: "We will appeal."', None, "Congressman Tom Hale's lawyer"),
        ('"We will appeal," Smith\'s spokesman said.', None, "Smith's spokesman"),
        ('"We will appeal," Jane Roe\'s lawyer, Tom Hale, said.', "Tom Hale", "Tom Hale"),
        ('Jane Roe said in a statement: "We will appeal."', "Jane Roe", "Jane Roe"),
        ('In response, Roe\'s campaign released a statement: "We are confident."', None, "Roe's campaign"),
    ],
)
def test_possessed_noun_speaks_not_its_owner(text: str, speaker: str | None, mention: str) -> None:
    assert (_speaker_of_first_speech(text), _first_mention(text)) == (speaker, mention)


# A passive reporting verb ("Hale was told by Roe", '"Q," Hale was told') makes its subject the
# addressee: the agent after "by" speaks, or nobody named does. "is heard to cry" is not passive speech.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Tom Hale was asked by Jane Roe: "Why did you do it?"', "Jane Roe"),
        ('Tom Hale was told by Jane Roe that "the deal is off."', "Jane Roe"),
        ('"The deal is off," Tom Hale was told.', None),
        ('"The deal is off," Tom Hale was told by Jane Roe.', "Jane Roe"),
        ('"Goodbye," one child is heard to cry.', "one child"),
    ],
)
def test_passive_reporting_verb_gives_the_agent(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# "Roe disputed Hale's claim that 'Q'": the quoted words are the claim of the possessive name.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Jane Roe disputed Tom Hale\'s claim that "the city is broke."', "Tom Hale"),
        ('Jane Roe responded to Tom Hale\'s remarks, "We will never give up."', "Tom Hale"),
        ('Jane Roe disputed the claim that "the city is broke."', "Jane Roe"),
    ],
)
def test_possessive_claim_before_a_quote(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# The running speaker does not carry over a narrative sentence whose subject is someone else, in the same
# paragraph or at the end of the previous one: '"Q1," Hale said. Jane Roe disagreed. "Q2"'.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," Tom Hale said. Jane Roe, however, disagreed. "They will lose badly."', None),
        ('"We will win," Tom Hale said. Jane Roe disagreed sharply with him.\n\n"They will lose badly."', None),
        ('"We will win," Tom Hale said. He smiled. "They will lose badly."', "Tom Hale"),
        ('"We will win," Tom Hale said.\n\n"They will lose badly."', "Tom Hale"),
    ],
)
def test_running_speaker_stops_at_another_subject(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, "They will lose badly.") == expected


# A place or a name, then a lower-case person noun, then a name: the last name speaks, the rest
# describes ("Elmtown resident", "Roe aide"); it used to stop at the first capitalised word.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"I cannot vote for it," said Elmtown resident Whit Okafor.', "Whit Okafor"),
        ('"I cannot vote for it," Elmtown resident John Okafor said.', "John Okafor"),
        ('"We lost," said Roe aide Bill Okafor.', "Bill Okafor"),
        ('Elmtown voter Ann Hale said: "We lost."', "Ann Hale"),
    ],
)
def test_a_person_noun_between_a_modifier_and_a_name(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# "the" + a name + a lower-case body noun is the body: "the Roe campaign", never "the Roe".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Senator Ben Roe spoke on Monday. "We lost," said the Roe campaign.', "the Roe campaign"),
        ('Senator Ben Roe spoke on Monday. "We lost," the Roe campaign said in a statement.', "the Roe campaign"),
        ('"We lost," said the Elmtown council.', "the Elmtown council"),
        ('"We lost," said the White House.', "the White House"),
        ('"We lost," the Kremlin said on Monday.', "the Kremlin"),
    ],
)
def test_a_body_named_after_someone_is_the_body(text: str, expected: str) -> None:
    assert _speaker_of_first_speech(text) == expected


# A gendered person noun right before a name gives its gender ("her son Ben", "his wife Sam"): a "she"
# then skips a nearer son.
@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            ("Ada Hale lives on the edge of Elmtown with a cat. There are no photos of her son Ben on the walls.\n\n"
            "But her memories of him are vivid.\n\nAfter Ben died, she urged the police to act.\n\n"
            "But she persisted. Ben made the choice he did that day, she says.\n\n"
            '"That is why I chose to fight," she says.'),
            "That is why I chose to fight,",
            "Ada Hale",
        ),
    ],
)
def test_a_gendered_noun_before_a_name_gives_its_gender(text: str, quote: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, quote) == expected


# After the verb, a possessive names whose person speaks, never the speaker: "said Acme's Jane Roe",
# "said Hale's spokesman, Ben Okafor"; "said Hale's spokesman" alone is nobody named.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will lose," said Elmtown\u2019s Ben Okafor, a consultant.', "Ben Okafor"),
        ('"We will lose," said Acme\'s chief executive Ben Okafor.', "Ben Okafor"),
        ('"We will lose," said Hale\'s communications director, Jane Okafor, adding more.', "Jane Okafor"),
        ('"We will lose," said Hale\'s spokesman, Ben Okafor.', "Ben Okafor"),
        ('"We will lose," said Hale\'s spokesman.', None),
    ],
)
def test_a_possessive_after_the_verb_is_not_the_speaker(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# "one of the advisers", "one of his aides": one unnamed person out of a group.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will lose," said one of the advisers, who spoke on condition of anonymity.', "one of the advisers"),
        ('"We will lose," one of his aides said.', "one of his aides"),
        ('One of the protesters said: "We will stay."', "one of the protesters"),
        ('"We will lose," said one of the things.', None),
    ],
)
def test_one_of_a_group(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# 'He posted a comment, saying "Q"': a pronoun is the main clause's subject as a name is.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Ben Okafor won. He voiced his anger online, writing "It is over."', "Ben Okafor"),
        ('Ada Hale won. She posted a comment, saying "It is over."', "Ada Hale"),
        ('Ada Hale won. He posted a comment, saying "It is over."', None),  # no "he" to refer to
    ],
)
def test_a_pronoun_subject_of_the_main_clause(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A person described by age: "a 45-year-old", "my two-year-old", and "the 17-year-old" for the person
# whose age an apposition gave ("Ben Okafor, 17,").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('A 45-year-old told reporters: "I am tired."', "a 45-year-old"),
        ('"No, that is the mom," says my two-year-old.', "my two-year-old"),
        ('Ben Okafor, 17, won the race. "I am tired," the 17-year-old said.', "Ben Okafor"),
        ('Ben Okafor, 17, won. Ada Hale, 45, lost. "I am tired," the 45-year-old said.', "Ada Hale"),
        # no one was given that age: the person in view, as a pronoun would be; two in view: nobody
        ('Ben Okafor won the race. "I am tired," the 17-year-old said.', "Ben Okafor"),
        ('Ben Okafor and Ada Hale won the race. "I am tired," the 17-year-old said.', None),
        ('Ada Hale has worked at the mill.\n\n"It is all I know," the 54-year-old mother of three said.', "Ada Hale"),
    ],
)
def test_a_person_described_by_age(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("17-year-old", True), ("two-year-old", True), ("twenty-five-year-old", True), ("6-years-old", True),
     ("200-year-old", False), ("year-old", False), ("old-year-old", False), ("17-year", False)],
)
def test_age_words(word: str, expected: bool) -> None:
    from quotes.parse.lexicon import is_age_word

    assert is_age_word(word) is expected


# "The mayor, Ben Okafor, spoke": the description before the name is its role, so "the mayor said"
# later is Okafor; a description of something else gives no role ("the bank, Acme,"): "the network"
# stays a description.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The mayor, Ben Okafor, spoke on Monday.\n\n"We will build more," the mayor said.', "Ben Okafor"),
        ('The network released a letter from the bank, Acme, on Monday.\n\n"It is unfair," the network said.',
         "the network"),
        ('Police said a man was arrested.\n\n"He was calm," said Const. Ben Okafor. "He did not resist."', "Ben Okafor"),
        ('"He was calm," said Det. Ada Hale, who led the search.', "Ada Hale"),
    ],
)
def test_a_role_given_before_the_name(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# A parenthesis between the name and the verb, even one holding a period ("(D-Wis.)"), is stepped over;
# after the verb, a description's name in apposition speaks ("said his mother, Ada Hale.").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Rep. Jane Roe (D-Wis.) said: "We object."', "Jane Roe"),
        ('Jane Roe (D-Wis.) said Friday: "We object."', "Jane Roe"),
        ('Ada Hale (@adahale) tweeted: "We did it!"', "Ada Hale"),
        ('He left early (it was late.) Jane Roe said: "We object."', "Jane Roe"),
        ('"He was a good boy," said his mother, Ada Hale.', "Ada Hale"),
        ('"We will grow," said a spokeswoman for the hotels, Jane Roe. "We remain interested."', "Jane Roe"),
        ('"He was a good boy," his mother said.', "his mother"),
    ],
)
def test_parentheses_and_names_in_apposition(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected


# Two names joined by "and" speak together, as one group, and are a later "they".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Ada Hale and Ben Okafor wrote in a joint letter: "We object."', "Ada Hale and Ben Okafor"),
        ('"We object," Ada Hale and Ben Okafor wrote.', "Ada Hale and Ben Okafor"),
        ('"We object," said Ada Hale and Ben Okafor.', "Ada Hale and Ben Okafor"),
        ('Ada Hale and Ben Okafor met on Monday. "It went well," they said in a joint statement.', "Ada Hale and Ben Okafor"),
        ('Ada Hale and Ben Okafor met on Monday. "It went well," she said.', "Ada Hale"),
        ('"We object," said Hale, and Okafor agreed.', "Hale"),
    ],
)
def test_two_names_speaking_together(text: str, expected: str) -> None:
    assert _speaker_of_first_speech(text) == expected


# A quote paragraph after "X disagrees." / "X agrees." is X's; a quote after "According to X, ..." in
# its paragraph goes on with X's account.
@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            'Ada Hale runs the shelter.\n\n"We are full," Hale said.\n\nBen Okafor, the mayor, disagrees.\n\n"We have enough beds."',
            "We have enough beds.",
            "Ben Okafor",
        ),
        ('Ada Hale runs the shelter.\n\nAccording to Hale, the numbers are rising. "We are full every night."',
         "We are full every night.", "Ada Hale"),
        ('Ada Hale runs the shelter.\n\nThe numbers, according to Hale, are rising. "We are full every night."',
         "We are full every night.", None),  # not the sentence's opening: nothing says the quote goes on
    ],
)
def test_agreeing_and_according_to_lead_in(text: str, quote: str, expected: str | None) -> None:
    assert _speaker_of_first_speech_after(text, quote) == expected


# Whose words these are when one person reports another's: "quoted X as saying" is X; "Hale, whose
# father once said" is not Hale.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Ada Hale quoted Ben Okafor as saying "the deal is off."', "Ben Okafor"),
        ('The Times quoted a senior official as saying "the talks failed."', "a senior official"),
        ('Ada Hale cited Ben Okafor as saying that "the deal is off."', "Ben Okafor"),
        ('Ada Hale, whose father once said "never give up," spoke on Monday.', None),
        ('Ada Hale, who once said "never give up," spoke on Monday.', "Ada Hale"),
    ],
)
def test_reported_speech_of_another(text: str, expected: str | None) -> None:
    assert _speaker_of_first_speech(text) == expected
