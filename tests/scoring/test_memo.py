"""The batch memory: only unknown keys are computed, answers come in order, the memory stays bounded."""

from __future__ import annotations

from scoring.memo import remembered


def test_only_unknown_keys_are_computed_and_answers_keep_their_order() -> None:
    memo: dict[str, int] = {"b": 20}
    asked: list[list[str]] = []
    keys = ["a", "b", "c"]

    def compute(missing: list[int]) -> list[int]:
        asked.append([keys[i] for i in missing])
        return [ord(keys[i]) for i in missing]

    assert remembered(memo, keys, 10, compute) == [97, 20, 99]
    assert asked == [["a", "c"]]
    assert remembered(memo, keys, 10, compute) == [97, 20, 99] and len(asked) == 1


def test_a_full_memory_is_emptied_before_new_answers_are_kept() -> None:
    memo = {i: i for i in range(4)}
    assert remembered(memo, [7, 8], 5, lambda missing: [70, 80]) == [70, 80]
    assert memo == {7: 70, 8: 80}
