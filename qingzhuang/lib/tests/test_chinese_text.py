from qingzhuang.lib.chinese_text import count_zi, normalise, normalise_with_offsets, to_simplified


def test_traditional_text_becomes_simplified():
    assert to_simplified("鎮安縣人民政府關於做好防汛工作的通知") == "镇安县人民政府关于做好防汛工作的通知"


def test_shaanxi_written_with_the_variant_glyph_becomes_simplified():
    # U+965C 陜 is not folded by OpenCC; U+965D 陝 is.
    assert to_simplified("\u965c西省") == "陕西省"
    assert to_simplified("\u965d西省") == "陕西省"


def test_hong_kong_and_old_form_variants_are_folded():
    assert normalise("衞生 吿知 淸理 靑年") == "卫生告知清理青年"


def test_valid_simplified_text_is_left_alone():
    # tw2s would turn 显著 into 显着 and 什么 into 什幺; hk2s must not.
    assert normalise("成效显著，什么问题") == "成效显著什么问题"


def test_full_width_digits_and_letters_become_lower_case_ascii():
    assert normalise("２０２４年ＡＰＰ") == "2024年app"


def test_whitespace_and_punctuation_are_dropped():
    assert normalise("一、加强 组织领导；\n（一）“压实”责任。") == "一加强组织领导一压实责任"


def test_offsets_point_back_into_the_original_text():
    original = "（一）陝西省　２０２４年"
    normalised, offsets = normalise_with_offsets(original)
    assert normalised == "一陕西省2024年"
    assert [original[i] for i in offsets] == list("一陝西省２０２４年")


def test_offset_normalisation_agrees_with_the_fast_one():
    text = "各鎮人民政府、街道辦事處：\n為切實做好２０２４年度森林防火工作，現通知如下。㈠ABC"
    assert normalise_with_offsets(text)[0] == normalise(text)


def test_count_zi_counts_chinese_characters_only():
    assert count_zi("关于做好2024年度防汛工作的通知。ABC，") == 13


def test_count_zi_counts_extension_characters_and_ling():
    assert count_zi("\U00020000\U0002a700二〇二四") == 6


def test_count_zi_of_empty_text_is_zero():
    assert count_zi("") == 0


def test_text_after_a_nul_character_is_still_compared():
    # Found by Hypothesis: OpenCC's binding stopped at a NUL, so "\x00" + a whole document normalised to "".
    assert normalise("\x00关于做好冬季安全生产工作的通知") == "关于做好冬季安全生产工作的通知"


def test_a_lone_surrogate_is_dropped_instead_of_failing():
    # Found by Hypothesis: OpenCC takes UTF-8, and a lone surrogate cannot be encoded (a 500 in the fingerprint).
    assert normalise("通\ud800知") == "通知"


def test_typed_text_is_trimmed_of_full_width_no_break_and_zero_width_spaces():
    from qingzhuang.lib.chinese_text import clean_text, is_blank

    assert clean_text("\u3000\u200b 关于 通知\u00a0\ufeff") == "关于 通知"
    assert clean_text("第一行\r\n第二行\t", multiline=True) == "第一行\n第二行"
    assert clean_text("第一行\n第二行") == "第一行 第二行"
    assert is_blank("\u3000\u00a0\u200b\u200d") and not is_blank("〇")
