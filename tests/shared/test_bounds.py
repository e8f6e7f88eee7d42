"""Every reply that quotes what a person typed stays within Block Kit's limits, however long or odd it is."""

import pytest

LONG = ["x" * 3000, "&" * 2000, "<" * 1500, "list " + "&" * 2500, "checkin " + "y" * 3000, "celebrations " + "&" * 2900]


@pytest.mark.parametrize("command", ["/goal", "/growth"])
def test_a_command_quoting_a_huge_word_answers_within_block_kits_limits(trellis, command):
    for text in LONG:
        reply = trellis.command(text, command=command)

        assert reply.status == 200, (text[:20], reply.body[:200])
        answer = reply.json()
        assert answer["response_type"] == "ephemeral"
        assert all(len(block["text"]["text"]) <= 3000 for block in answer["blocks"])
