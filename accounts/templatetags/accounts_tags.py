from django import template

register = template.Library()


@register.filter
def minutes(value) -> int:
    """Whole minutes in a timedelta (rounded up), for messages such as the login lockout."""
    if value is None:
        return 0
    seconds = int(value.total_seconds())
    return (seconds + 59) // 60
