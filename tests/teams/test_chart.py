"""The team summary's chart: a PNG that grows with the team, and the same in words within Slack's alt_text limit."""

import struct
import threading
import warnings

from slackapp.teams.chart import ALT_TEXT_LIMIT, Bar, render, status, text_alternative

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which follows the signature."""
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def team(count: int, name: str = "Person {}") -> list[Bar]:
    return [Bar(name.format(n), actual=(n % 10) / 10, expected=((n + 3) % 10) / 10) for n in range(count)]


def test_a_png_of_the_team():
    png = render([Bar("Ana", 0.4, 0.55), Bar("Ben", 0.8, 0.5)], "Maria's team")
    assert png.startswith(PNG_SIGNATURE)
    width, height = size(png)
    assert width >= 600 and height >= 200


def test_the_image_grows_taller_with_each_person_and_keeps_its_width():
    (w3, h3), (w20, h20) = size(render(team(3), "t")), size(render(team(20), "t"))
    assert w3 == w20
    assert h20 > h3 + 17 * 30  # every person gets a row of its own, not a squeeze


def test_fifty_people_render_at_a_readable_size():
    width, height = size(render(team(50, "A rather long display name {}"), "Fifty"))
    assert height / 50 >= 35  # pixels a person: names at 8 pt and more stay legible


def test_names_are_plain_text_whatever_they_hold():
    bars = [Bar("$x^2$ and \\frac", 0.5, 0.5), Bar("😀 ☃ 田中", 0.2, 0.9), Bar("", 0.1, 0.1), Bar("x" * 300, 1.4, -1)]
    with warnings.catch_warnings(record=True) as caught:  # as for a glyph the font lacks, or mathtext it can't parse
        warnings.simplefilter("always")
        png = render(bars, "$1 and <b>not</b> markup " * 10)
    assert png.startswith(PNG_SIGNATURE)
    assert [str(warning.message) for warning in caught] == []


def test_no_one_to_chart_still_makes_a_picture():
    assert render([], "Empty team").startswith(PNG_SIGNATURE)


def test_renders_in_several_threads_at_once():
    results: list[bytes] = []
    threads = [threading.Thread(target=lambda: results.append(render(team(8), "t"))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and len(set(results)) == 1


def test_the_words_say_what_the_bars_show():
    text = text_alternative([Bar("Ana", 0.4, 0.55), Bar("Ben", 0.9, 0.5), Bar("Chen", 0.5, 0.55), Bar("Dee", 0, 0.3)])
    assert text == (
        "Ana: 40% done, 55% expected (behind). Ben: 90% done, 50% expected (ahead). "
        "Chen: 50% done, 55% expected (on track). Dee: 0% done, 30% expected (at risk)."
    )


def test_status_uses_the_pace_thresholds_of_a_goal():
    assert status(Bar("a", 0.40, 0.50)) == "on track"  # exactly 10 points behind is still on track
    assert status(Bar("a", 0.39, 0.50)) == "behind"
    assert status(Bar("a", 0.25, 0.50)) == "behind"
    assert status(Bar("a", 0.24, 0.50)) == "at risk"
    assert status(Bar("a", 0.61, 0.50)) == "ahead"


def test_no_one_in_words():
    assert text_alternative([]) == "No one has a goal to chart yet."


def test_fifty_long_names_fit_slacks_alt_text_limit():
    bars = team(50, "Maximiliana Alexandra von Hohenzollern-Sigmaringen the {}th")
    text = text_alternative(bars)
    assert len(text) <= ALT_TEXT_LIMIT
    assert text.startswith("Maximiliana Alexand…: 0% done, 30% expected (at risk).")
    assert text.endswith("more people.")
    described = text.count("% expected")
    assert 20 < described < 50 and f"And {50 - described} more people." in text


def test_shortened_names_first_when_that_is_enough():
    text = text_alternative(team(25, "Bartholomew Montgomery-Featherstonehaugh {}"))
    assert len(text) <= ALT_TEXT_LIMIT and "more people" not in text
    assert text.count("% expected") == 25
