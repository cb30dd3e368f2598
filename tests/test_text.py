"""Normalisation and decoding: what every rule sees, and what comes in from files."""
import pytest

from extract import DecodeError, decode_bytes
from extract.text import fold

SAMPLE = "本區將於三月八日舉辦社區運動會，歡迎居民報名參加。"


def test_fold_keeps_length_and_simplifies():
    text = "楊浦區舉辦攝影作品展，展出將持續到３月３１日：（週六）"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "杨浦区举办摄影作品展，展出将持续到3月31日:(周六)"


def test_one_traditional_character_is_enough_to_convert():
    # Simplified text skips the converter; a single Traditional or compatibility character must not
    assert fold("社区举办运动会，欢迎居民报名參加") == "社区举办运动会，欢迎居民报名参加"
    assert fold("社区\uf900") == "社区岂"
    assert fold("社区举办运动会") == "社区举办运动会"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030"])
def test_decode_simplified_encodings(encoding):
    text = SAMPLE.replace("區", "区")
    simplified = fold(text)
    assert decode_bytes(simplified.encode(encoding)) == simplified


def test_decode_big5():
    assert decode_bytes(SAMPLE.encode("big5")) == SAMPLE


def test_decode_declared_encoding_wins():
    assert decode_bytes(SAMPLE.encode("big5"), encoding="big5") == SAMPLE


def test_decode_bom():
    assert decode_bytes("\ufeff活动".encode("utf-8")) == "活动"


def test_binary_is_refused():
    with pytest.raises(DecodeError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
