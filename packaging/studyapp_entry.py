"""Entry script for the frozen bundle: the same CLI as the `studyapp` command."""

import sys

from studyapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
