"""Whitespace helpers: each cheap path gives what the plain split/join or regex gives."""
import re

import pytest

from prikaz_parser.whitespace import single_spaced, squeeze, squeeze_blanks


@pytest.mark.parametrize("s", ["Текст приказа", "", " a", "a ", "a  b", "a\u00a0b", "a\u2009b", "a\x1cb", "a\tb",
                               "a\u3000b", "«Школа» – №2"])
def test_single_spaced_gate_agrees_with_split_join(s):
    if single_spaced(s):
        assert " ".join(s.split()) == s
    assert squeeze(s) == " ".join(s.split())


@pytest.mark.parametrize("s", ["a  b", "a \t\u00a0 b", "\t", "a\u00a0\u00a0b\n c  d ", "     ", "a b", "a\u2009 b"])
def test_squeeze_blanks_is_the_blank_run_substitution(s):
    assert squeeze_blanks(s) == re.sub(r"[ \t\u00a0]+", " ", s)


@pytest.mark.parametrize("line, expected", [
    ("УО  и\tОО", "УО и ОО"), ("УО\u00a0\u00a0ОО", "УО ОО"), ("УО ОО", "УО ОО"), ("", ""),
])
def test_squeeze_blanks(line, expected):
    assert squeeze_blanks(line) == expected
