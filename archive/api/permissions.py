"""Who sees what: anonymous readers and plain accounts see published articles only."""


def can_see_drafts(user) -> bool:
    """True for editors: accounts allowed to view or change articles."""
    return bool(
        user
        and user.is_authenticated
        and (user.has_perm("archive.view_article") or user.has_perm("archive.change_article"))
    )
