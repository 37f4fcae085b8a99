"""The inputs the speed and memory benchmarks feed to fixtext and ftfy.

Every input is built from the short passages below, written for these
benchmarks, repeated (with a running paragraph number, so that no two
paragraphs are identical and caches cannot answer for a whole paragraph)
until the text reaches the requested size in UTF-8 bytes. In CJK passages
the number stands between CJK characters (``第12段：``), as it would in a
heading, because a CJK line is judged from its first CJK character to its
last: a number in front of them would leave the judged part repeating.
"""

from __future__ import annotations

from collections.abc import Callable

ENGLISH = [
    "The ferry left the harbour at dawn, long before the market stalls opened.",
    "“We’ll need more rope,” said the bosun, counting the coils twice.",
    "Attendance rose 14% between 2019–2022 — the museum’s best run in decades.",
    "Nobody on the committee had read the appendix… not even its author.",
    "Trains run every 20 minutes on weekdays; on Sundays, every hour.",
    "The recipe calls for 250 g of flour, two eggs and a pinch of salt.",
    "It wasn’t over until the last ferry’s horn had sounded.",
    "We’re nearly done; it’s late and the harbour’s gates are shut.",
]

CHINESE = [
    "清晨的渡船驶离港口时，集市上的摊位还没有开张。",
    "他说：“我们还需要更多的绳子。”然后又数了一遍。",
    "这座博物馆在过去三年里接待的游客人数增长了百分之十四。",
    "委员会里没有一个人读过附录，连作者自己也没有。",
    "工作日每二十分钟一班火车，星期天每小时一班。",
]

JAPANESE = [
    "夜明け前に渡し船が港を出たとき、市場の屋台はまだ開いていなかった。",
    "「もっとロープが必要だ」と甲板長は言い、もう一度数え直した。",
    "この博物館の来場者数は三年間で十四パーセント増えた。",
]

KOREAN = [
    "새벽에 여객선이 항구를 떠날 때 시장의 노점들은 아직 열지 않았다.",
    "위원회의 누구도 부록을 읽지 않았고 저자조차 읽지 않았다.",
    "평일에는 이십 분마다, 일요일에는 한 시간마다 기차가 다닌다.",
]

MULTILINGUAL = [
    "Le bateau a quitté le port à l’aube ; les étals n’étaient pas encore ouverts.",
    "Die Fähre verließ den Hafen früh, lange bevor der Markt öffnete.",
    "Паром вышел из гавани на рассвете, задолго до открытия рынка.",
    "Το πλοίο έφυγε από το λιμάνι την αυγή.",
    "Our partner in 上海 sent the contract (合同) on Friday.",
    "東京の会議は 9:30 に始まります — don’t be late.",
    "서울 사무소는 Monday 아침에 문을 엽니다.",
]


def grow(passages: list[str], size: int, separator: str = "\n", label: str = "{n}. ") -> str:
    """``passages`` repeated, each paragraph numbered, until ``size`` UTF-8 bytes (cut there)."""
    parts: list[str] = []
    total = n = 0
    while total < size:
        paragraph = f"{label.format(n=n)}{passages[n % len(passages)]}{separator}"
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8"))
        n += 1
    return _cut("".join(parts), size)


def _cut(text: str, size: int) -> str:
    """``text`` cut to at most ``size`` UTF-8 bytes, on a character boundary."""
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def gbk_mojibake(text: str, errors: str = "strict") -> str:
    """UTF-8 ``text`` read as GBK: ``errors="strict"`` keeps only the lines that decode cleanly."""
    if errors != "strict":
        return text.encode("utf-8").decode("gbk", errors)
    lines = []
    for line in text.splitlines(keepends=True):
        try:
            lines.append(line.encode("utf-8").decode("gbk"))
        except UnicodeDecodeError:
            continue
    return "".join(lines)


def _strict_english(size: int) -> str:
    # The lines whose mojibake decodes strictly, grown to the size after corruption.
    strict = [gbk_mojibake(p + "\n").rstrip("\n") for p in ENGLISH]
    return grow([p for p in strict if p], size)


CJK_LABEL = "第{n}段："

#: Each input kind: a name and a function of the size in bytes.
INPUTS: dict[str, Callable[[int], str]] = {
    "clean English": lambda n: grow(ENGLISH, n),
    "clean Chinese": lambda n: grow(CHINESE, n, label=CJK_LABEL),
    "clean Japanese": lambda n: grow(JAPANESE, n, label=CJK_LABEL),
    "clean Korean": lambda n: grow(KOREAN, n, label="제{n}단락: "),
    "clean multilingual": lambda n: grow(MULTILINGUAL, n),
    "English as GBK (strict)": _strict_english,
    "English as GBK (ignore)": lambda n: _cut(gbk_mojibake(grow(ENGLISH, n), "ignore"), n),
    "English as GBK (replace)": lambda n: _cut(gbk_mojibake(grow(ENGLISH, n), "replace"), n),
    "Chinese as GBK (ignore)": lambda n: _cut(gbk_mojibake(grow(CHINESE, n, label=CJK_LABEL), "ignore"), n),
}

#: Inputs built to find super-linear paths: one character repeated, one
#: endless line, one endless run of CJK.
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "all 鈥": lambda n: "鈥" * (n // 3),
    "all Ã": lambda n: "Ã" * (n // 2),
    "one line (English)": lambda n: grow(ENGLISH, n, separator=" "),
    "one line (English as GBK)": lambda n: _cut(gbk_mojibake(grow(ENGLISH, n, separator=" "), "ignore"), n),
    "one CJK run": lambda n: "".join(ch for ch in grow(CHINESE, n * 2, separator="") if ord(ch) >= 0x2E80)[: n // 3],
}
