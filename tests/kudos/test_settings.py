"""The workspace's values as an admin writes them: an emoji and a one-word name a line, each mistake named."""

import pytest

from domain.kudos.rules import Value
from domain.kudos.settings import MOST_VALUES, read_values
from domain.shared.errors import InvalidInput


def refused(text: str) -> str:
    with pytest.raises(InvalidInput) as error:
        read_values(text)
    return error.value.errors["values"]


def test_values_are_read_one_a_line_with_an_emoji_or_none():
    assert read_values(":muscle: ownership\n  🔨 craft\n\n#growth-mindset\n") == [
        Value("ownership", ":muscle:"),
        Value("craft", "🔨"),
        Value("growth-mindset", ""),
    ]
    assert read_values("") == [] and read_values(None) == []


def test_each_mistake_in_the_list_is_named():
    assert refused(":muscle: ownership\n:star: Ownership") == "#Ownership is there twice."
    assert "“two words here” isn't an emoji and a one-word name" in refused("two words here")
    assert "isn't an emoji and a one-word name" in refused("<!channel> everyone")
    many = "\n".join(f"value{n}" for n in range(MOST_VALUES + 1))
    assert refused(many) == f"Keep to {MOST_VALUES} values, so each one means something; there are {MOST_VALUES + 1}."
