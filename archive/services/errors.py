"""The errors every service raises: a message fit to show an editor."""
class ServiceError(Exception):
    """A write the archive refuses, with a message for the editor."""


class ImportRefused(ServiceError):
    """Re-importing would overwrite articles an editor has corrected."""
