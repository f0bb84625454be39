"""`python -m quotes` runs the `quotes` command."""

from quotes.cli import main

if __name__ == "__main__":
    main(prog_name="quotes")
