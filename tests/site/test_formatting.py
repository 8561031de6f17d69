from decimal import Decimal as D

from generator.site.formatting import percent, ratio, wan, yuan


def test_wan_rounds_half_up_with_separators():
    assert wan(D("64419257.01")) == "6,441.93"
    assert wan(D("11917100.00")) == "1,191.71"
    assert wan(D("50.00")) == "0.01"
    assert wan(None) == "—"


def test_yuan_is_exact():
    assert yuan(D("64415757.01")) == "64,415,757.01"


def test_percent_and_ratio():
    assert percent(D("-50.20"), signed=True) == "-50.2%"
    assert percent(D("16.83"), signed=True) == "+16.8%"
    assert percent(ratio(D("8.95"), D("10"))) == "89.5%"
    assert ratio(D(1), D(0)) is None
