"""Large numbers on the boards are grouped by thousands (1,707,024 字), on the page and in the export alike."""

from qingzhuang.ledger.tables import NUMBER, Column, cell, number_format


def test_a_large_count_reads_with_thousands_separators_and_keeps_its_value():
    column = Column(label="字数", kind=NUMBER)

    shown = cell(column, 1707024)

    assert shown.text == "1,707,024" and shown.value == 1707024
    assert number_format(column, 0) == "#,##0"


def test_a_number_with_decimals_keeps_them_after_grouping():
    column = Column(label="人·小时", kind=NUMBER, decimals=1)

    assert cell(column, 12345.67).text == "12,345.7"
    assert number_format(column, 1) == "#,##0.0"
