"""`python -m quotes.cli` runs the `quotes` command too."""

from quotes.cli import main

if __name__ == "__main__":
    main(prog_name="quotes")
