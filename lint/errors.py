"""The one base for errors a user can fix: the CLI prints them in one line and exits 2."""


class UserError(Exception):
    """Bad configuration, a broken pack or registry: the message names the file and key."""
