"""The command registry and the engine's page map agree: one command per page of
``PAGE_PARAMS``, in its order, each with that page's parameter class; a command for a page
the map does not have, a page without a command, or a page given two fail at import."""

from __future__ import annotations

import dataclasses

import pytest

from simulator.commands import COMMANDS, Command, registry
from simulator.models.bass import BassParams
from simulator.models.fit_inputs import FileInputs
from simulator.models.share_loop import ShareLoopParams
from simulator.pages import PAGE_PARAMS

PAGES = "share, referral, bass, sweep, goal, metrics, crisis, segments, fit-share, fit-bass, sample-size, network"


def test_every_page_has_its_command_in_the_maps_order() -> None:
    assert ", ".join(PAGE_PARAMS) == PAGES
    assert list(COMMANDS) == list(PAGE_PARAMS)
    assert [c.name for c in COMMANDS.values()] == list(PAGE_PARAMS)
    assert {name: c.params for name, c in COMMANDS.items()} == dict(PAGE_PARAMS)
    assert (COMMANDS["share"].params, COMMANDS["bass"].params) == (ShareLoopParams, BassParams)
    assert COMMANDS["fit-share"].params is COMMANDS["fit-bass"].params is FileInputs


def test_the_registry_keeps_the_maps_order_whatever_order_commands_come_in() -> None:
    assert list(registry(list(reversed(COMMANDS.values())))) == list(PAGE_PARAMS)


def test_a_command_for_a_page_the_map_does_not_have_is_refused() -> None:
    with pytest.raises(TypeError, match=rf"^command 'shares' is not a simulator page of PAGE_PARAMS \({PAGES}\)$"):
        dataclasses.replace(COMMANDS["share"], name="shares")
    with pytest.raises(TypeError, match=r"^command 'reach' is not a simulator page"):
        Command("reach", print, "Reach", "reach", title_fa="دسترسی", summary_fa="دسترسی")


def test_a_page_without_a_command_is_refused() -> None:
    commands = [c for c in COMMANDS.values() if c.name not in ("bass", "network")]
    with pytest.raises(TypeError, match=r"^simulator page\(s\) of PAGE_PARAMS without a command: bass, network$"):
        registry(commands)


def test_a_page_given_two_commands_is_refused() -> None:
    with pytest.raises(TypeError, match=r"^simulator page 'goal' has two commands$"):
        registry([*COMMANDS.values(), COMMANDS["goal"]])
