"""The words of a side question that say what it is about: content words with their weights,
names, the sentences that ask, and the words that only say where ("for RAG")."""

from __future__ import annotations

import re

from bot.knowledge.ask_part import asks, carries_on, points_back, sentences
from bot.knowledge.glossary import plainly
from bot.knowledge.tokenize import SAID_ASIDE, STOPWORDS, graded, is_query_filler, word_set

# The sentences that ask are read alone when they name this much (by weight) themselves.
MIN_ASKED_WEIGHT = 2
# Also after a quote the sentence closes ("… by Friday.' Also …").
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|(?<=[.!?]['\"”’])\s+|\n+")


_FINE_TUNE = re.compile(r"fine\s+tun", re.IGNORECASE)
# A Korean word, but not the particle or ending that follows an English one ("prompting이냐").
_KOREAN_WORD = re.compile(r"(?<![A-Za-z0-9])[\uac00-\ud7a3]+")
CASED_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")

# Everyday words (time, people, generic things) that place a question without saying what
# it is about; "last week" or "our job" makes nothing out of scope.
_EVERYDAY = word_set(
    """
    day days daily week weeks weekly month months monthly year years yearly today tomorrow
    yesterday tonight morning last next soon later recently ago now zero half once twice job
    jobs task tasks work people person someone everyone team teams company companies colleague
    boss manager user users customer customers thing things stuff case cases ppl folks exec
    execs executive executives stakeholder stakeholders meeting meetings perspective standpoint
    pm pms ceo cto cfo gm vp lead leads dev devs engineer engineers intern interns designer
    designers analyst analysts past quarter quarters side aspect
    """
)
# Korean everyday words: people, time and the like ("팀장님이", "지난주", "후반쯤").
_EVERYDAY_KO = (
    "팀장",
    "사장",
    "상사",
    "동료",
    "팀원",
    "회사",
    "오늘",
    "어제",
    "내일",
    "지난",
    "이번",
    "요즘",
    "매일",
    "매주",
    "매달",
    "주말",
    "사람",
    "누구",
    "회의",
    "미팅",
    "입장",
    "관점",
    "과거",
    "분기",
    "작년",
    "올해",
    "내년",
    "날짜",
    "초반",
    "중반",
    "후반",
)
# A two-syllable adjective before its noun ("높은", "많은", "좋은") describes, it names nothing.
_ADNOMINAL = re.compile(r"[가-힣][은는던을]")
# A Korean noun with a copula ("가격이에요") or quoted ("비용이라고") is the noun; a word
# ending as a verb or adjective does ("해보면", "안되나요", "재봐야").
_COPULA = re.compile(r"(?:이에요|예요|에요|이야|인가요|인데|이죠|이라고|라고|이라는|라는)$")
# So does one that ends as a clause that goes on ("크던데", "나오긴", "무서운데", "늘려도"), as
# a verb before its noun ("조심할 점", "고칠 때") or as an adverb ("당연히", "확실히").
_PREDICATE = re.compile(
    r"(?:요|까|면|죠|[는던은한운른픈]데|나|니|다|야|지|고|게|어|아|해|된|긴|할|될|던|칠|[어아해려여워와봐써돼져]도|히"
    # Chat's nominal endings ("해볼만함", "뽑고 싶음", "될 것 같음").
    r"|만함|싶음|같음)$"
)
# A verb before "중" says what is going on ("갈아엎는 중", "바꾸는 중이라"), and one before a
# general noun what is done ("만드는 거", "쓰는 법"): it names nothing.
_ONGOING = re.compile(
    r"(?<=[는던])\s+(?:중|거|것|게|걸|건|법)(?:[이인은는도를을가][가-힣]*)?(?![가-힣])"
    # A verb before "텐데" ("늘어날 텐데"), and one leaning on another ("따져 봐야", "써 줘요").
    r"|(?<=[가-힣])\s+텐데"
    r"|(?<=[아어여워와져춰쳐켜혀줘돼봐써해])\s+(?:봐|보|볼|봤|줘|주|줄|버리|버렸|놓|둬|두)"
)
# After "안" or "못" comes a verb ("안 오름", "못 찾겠어요"), whatever its ending.
_NEGATED = re.compile(r"(?:^|(?<=\s))[안못]\s+$")
# A general noun of one syllable with its particle ("점도", "것은", "때는", "끝에") names nothing.
_GENERAL_NOUN = re.compile(r"(?:점|것|거|때|데|수|줄|끝)(?:도|은|는|이|가|을|를|만|에|이나)?")
# A counter after a number ("세 개만", "두 가지씩") counts, it names nothing.
_COUNTER_WORD = re.compile(r"(?:개|가지|번|명|건|장)(?:만|씩|쯤|정도|이나|밖에)?")
# "I'll", "we'd", "you've": a pronoun and a verb.
_CONTRACTION = re.compile(r"[a-z]+'(?:ll|d|ve|re|m)")
# Words that only frame a comparison; the knowledge base need not use them.
_FRAMING = frozenset({"vs", "versus", "compare", "compared", "comparison"})


# What people write around a question in chat, which never names what it is about: apologies
# and thanks, hedges and intensifiers ("literally", "kinda"), discourse markers ("lol",
# "anyway"), words for anybody or nobody ("nothing", "ourselves"), people by their role
# ("vendor", "consultant"), verbs of saying, hearing and seeming ("mentions", "sounds"), of the
# asker's state of mind ("overthinking", "kidding") and of moving on to something ("skip",
# "jump" … "straight to"), their verdict on what they heard ("true?", "wrong"), and the times
# of a school or work calendar ("semester", "sprint"), and the words that join clauses
# ("since", "although").
# Only the judgement of whether a question is about the knowledge base reads them.
_CHATTER = word_set(
    """
    sorry apologies apologize apologise pardon excuse sry appreciate appreciated grateful
    kindly cheers dumb stupid silly naive noob newbie obvious beginner concise succinct brief
    literally totally seriously truly definitely probably perhaps kinda sorta somewhat pretty
    fairly quite super absolutely certainly clearly obviously apparently supposedly genuinely
    frankly personally essentially practically virtually merely barely hardly straight somehow
    directly immediately fancy glorified magic magical hype hyped buzzword buzzwords
    oh ah aha hmm hmmm um uh er wow omg alright fyi afaik iirc imho tldr ngl idk
    dunno gonna wanna gotta ya yall y'all lmao rofl
    nothing nobody noone everything everybody somebody anybody none myself yourself
    ourselves themselves itself himself herself yourselves he she him her his hers they
    theirs mine yours ours
    vendor vendors consultant consultants client clients coworker coworkers teammate
    teammates director directors founder founders owner owners writer writers researcher
    researchers scientist scientists student students teacher teachers friend friends guy
    rep reps sales salesperson
    said told talk talks talked talking mention mentions mentioned call calls called calling
    mentioning hear hears heard hearing claim claims claimed claiming insist insists
    insisted suggest suggests suggested recommend recommends recommended
    seem seems seemed seeming sound sounds sounded appear appears appeared
    confused confusing curious unsure worried worry worrying overthink overthinking
    overthought overcomplicate overcomplicating obsess obsessing obsessed kidding joking
    guess reckon suppose assume figure figured wonder true false wrong
    skip skipping jump jumping hop hopping dive diving rush rushing
    semester semesters sprint sprints season seasons weekend weekends hour hours
    minute minutes
    since because although though unless whereas until till anymore already
    """
)
# The Korean for the same, by the start of the word (its particle or ending follows):
# apologies, hedges, words for all or nobody, people by their role, talk and saying, what
# points back at what was said ("그만한", "그래도"), and the school or work calendar ("학기마다").
_CHATTER_KO = (
    "죄송",
    "미안",
    "고맙",
    "감사합",
    "감사해",
    "감사드",
    "실례",
    "부탁",
    "궁금",
    "정말",
    "되게",
    "엄청",
    "약간",
    "살짝",
    "차라리",
    "오히려",
    "다들",
    "아무",
    "얘기",
    "이야기",
    "말하",
    "말씀",
    "들었",
    "들은",
    "듣기",
    "주장",
    "말한",
    "말했",
    "벌써",
    "이미",
    "그만한",
    "그만큼",
    "그래도",
    "케이스",
    "학기",
    "학년",
    "스프린트",
)
# Short words of the same kinds that start longer ones ("우선순위", "아마존"), words that point
# back, and people by their role ("엔지니어링" is a thing): whole, or with a particle.
_CHATTER_KO_WORD = re.compile(
    r"(?:사실|아마|일단|우선|완전|모두|전부|전체|모든|[이그저]대로|대비|원래|그냥|진짜|혹시"
    # What points back ("이건", "그거"): the thing it points at is named elsewhere, or nowhere.
    r"|[이그저](?:거|건|게|걸)"
    r"|(?:담당자|매니저|기획자|개발자|마케터|디자이너|엔지니어|컨설턴트|업체|벤더)(?:분|님)?들?)"
    r"(?:은|는|이|가|을|를|도|만|에|에게|한테|이랑|랑|하고|요)?"
)
# A one-syllable question word with its particle ("뭐로", "뭐의", "몇으로") asks, it names
# nothing; so do the cause asked for ("원인이 뭘까요" asks why) and the time ("시점은").
_ASKING_KO = re.compile(
    r"(?:뭐|뭘|뭔|몇|왜|어디|언제|시점|원인)(?:로|으로|의|랑|이랑|하고|에|에서|이|가|를|을|는|은|도|만|요)?"
)
# A general noun of one syllable, or a counter of places, with a particle of place or way
# ("딴 데서", "한 군데", "그걸로"): it points somewhere, it names nothing.
_PLACE_KO = re.compile(
    r"(?:점|것|거|걸|때|데|곳|군데|쪽|편)(?:에서|서|로|으로|랑|이랑|하고|보다|처럼|까지|부터|엔|에는)?"
)
# A version of the user's own thing ("v3 → v4", "v2.1") is the same thing, newer or older.
_VERSION = re.compile(r"v\d+(?:\.\d+)*")
# An adverb made of an adjective ("specifically", "honestly") says how, it names nothing.
_ADVERB = re.compile(r"[a-z]{3,}(?:ally|ively|ously|fully|ently|antly|ably|ibly|erly|arly|ctly)")
# A hedge on a word ("ok-ish", "fast-ish") says no more than the word.
_ISH = "-ish"


def chatter(word: str) -> bool:
    """``word`` (as ``content_at`` gives it) is said around a question in chat, and names
    nothing it could be about: "sorry", "literally", "nobody", "sounds", "뭐로", "얘기가"."""
    if word.endswith(_ISH):
        stem = word.removesuffix(_ISH)
        return is_query_filler(stem) or chatter(stem)
    if _KOREAN_WORD.fullmatch(word):
        return word.startswith(_CHATTER_KO) or any(
            p.fullmatch(word) for p in (_CHATTER_KO_WORD, _ASKING_KO, _PLACE_KO)
        )
    return (
        word in _CHATTER
        or graded(word) in _CHATTER
        or bool(_VERSION.fullmatch(word) or _ADVERB.fullmatch(word))
    )


# Who is asking ("claims manager here 👋", "travel agency CS head:", "k-12 edtech PM.", "I'm a
# PM", "제약회사 RA팀인데", "마케팅팀입니다~") and how they want the answer ("in plain
# English", "explain like I'm five", "비개발자 눈높이로"): the user's own framing, which places
# the question and asks nothing; so do a few sayings for a plain verb ("keep an eye on", "the
# right call", "kidding ourselves").
_ROLE = (
    r"(?:(?:manager|lead|head|writer|engineer|dev|developer|designer|analyst|pm|po|ceo|cto|cfo|gm"
    r"|coo|vp|founder|owner|director|scientist|researcher|marketer|intern|consultant|admin"
    r"|officer|specialist|coordinator|rep|person|guy|team|folks|student|teacher|editor"
    r"|architect|recruiter|accountant|tester|sre)s?"
    # A department speaking for itself ("Legal here.", "finance here").
    r"|legal|finance|marketing|hr|procurement|compliance|accounting|ops|operations|support"
    r"|security|research)"
)
# The words that say what kind of role, none of them a word that joins ("for", "with").
_ROLE_KIND = (
    r"(?:(?!(?:for|with|in|on|to|of|about|the|vs|and|or|is|are|what|how|why|when|which|can"
    r"|should|do|does)\b)[\w&/+.'-]+\s+){0,4}?"
)
_INTRODUCTION = re.compile(
    rf"(?:^|(?<=[,.!?:;—–]))\s*{_ROLE_KIND}{_ROLE}\s+here\b"
    rf"|^\s*{_ROLE_KIND}{_ROLE}\s*(?::|\.(?=\s)|\s[—–-]\s)"
    r"|\b(?:i['’]?m|i am|we['’]?re|we are|as)\s+(?:an?|the|on an?|on the|in an?)\s+"
    rf"{_ROLE_KIND}{_ROLE}\b"
    r"|\bin (?:plain|simple|layman['’]?s?|normal|human|non-technical)"
    r" (?:english|terms|words|language)\b"
    r"|\b(?:explain(?: it)?|tell me) like i['’]?m (?:an? )?[\w-]+(?: [\w-]+)?|\beli5\b"
    r"|\bfor (?:dummies|a non-?technical (?:person|audience|crowd|reader))\b"
    r"|\bkeep (?:an|one) eye (?:out )?(?:on|for)\b|\bkeep tabs on\b"
    r"|\b(?:right|wrong|good|bad|smart|tough|judge?ment) call\b"
    r"|\b(?:kidding|fooling|lying to) (?:ourselves|myself|yourself|themselves)\b"
    r"|^\s*(?:저는\s+|저희는\s+|전\s+)?(?:[\w가-힣&/+.-]+\s+){0,3}?[\w가-힣&/+.-]*?"
    r"(?:팀|PM|PO|기획자|개발자|담당자|매니저|마케터|디자이너|엔지니어|리드|팀장|직원|연구원"
    r"|분석가|라이터|작가|에디터|운영자|부서)"
    r"(?:이에요|예요|에요|입니다|인데요|인데|이고요|이고|이구요)[~.!,]*(?=\s|$)"
    r"|(?:비개발자|비전공자|초보자?|문외한|일반인)\s?(?:눈높이|기준|입장)(?:으로|에서|에)?",
    re.IGNORECASE,
)


def unframed(question: str) -> str:
    """``question`` without who asks and how they want the answer put ("claims manager here",
    "in plain English", "마케팅팀입니다~"): what is left is what it asks about."""
    return _INTRODUCTION.sub(" ", question)


# What a sentence is for, named at its end ("… before we commit to RAG for submission drafts?",
# "… for our policy letters?", "… for sorting ~20k support emails a week?"): the user's own
# use, a few words long.
_FOR_USE = re.compile(
    r"\s+for\s+(?:(?:our|my|the|a|an|your|their)\s+)?(?:~?[\w-]+\s+){0,5}[\w-]+(?=\s*[?.!]|\s*$)"
)


def unused(question: str) -> str:
    """``question`` without what its sentences say they are for, at their end: the use it is
    put to places the question, like who asks."""
    return _FOR_USE.sub("", question)


def content_at(question: str) -> list[tuple[str, int, int]]:
    """The content words with their weights and, for English, their place among the words of
    the question (-1 for Korean)."""
    # "What's RAG in this context?", "여기서 말하는 RAG": where the word is used says nothing.
    text = _FINE_TUNE.sub("fine-tun", plainly(SAID_ASIDE.sub(" ", question)))
    words: list[tuple[str, int, int]] = []
    for at, raw in enumerate(CASED_WORD.findall(text)):
        w = raw.casefold().removesuffix("'s")
        if (
            len(w) >= 2
            and raw.casefold() not in STOPWORDS
            and w not in _FRAMING
            and w not in _EVERYDAY
            and not _CONTRACTION.fullmatch(w)
            and not is_query_filler(w)
        ):
            named = any(c.isdigit() for c in raw) or any(c.isupper() for c in raw[1:])
            words.append((w, 2 if named else 1, at))
    for m in _KOREAN_WORD.finditer(text):
        w = _COPULA.sub("", m.group(0))
        if (
            len(w) >= 2
            and not _ONGOING.match(text, m.end())
            and not _NEGATED.search(text, 0, m.start())
            and not is_query_filler(w)
            and not _COUNTER_WORD.fullmatch(w)
            and not _GENERAL_NOUN.fullmatch(w)
            and not _PREDICATE.search(w)
            and not _ADNOMINAL.fullmatch(w)
            and not w.startswith(_EVERYDAY_KO)
        ):
            words.append((w, 1, -1))
    return words


def asked(question: str) -> str:
    """The sentences of ``question`` that ask (end in a question mark), when they name enough
    to be read alone; else the whole question. What a user tells around the question ("someone
    in standup kept saying it", "our PMs pivot every sprint") sets the scene in their own words;
    what they ask is what must be in the knowledge base. A question that only points back ("how
    is that possible?", "왜 그런 거예요?") is about what it points at: all of it counts."""
    asking = asking_sentences(question)
    if not asking:
        return question
    weight = sum(n for _, n, _ in content_at(asking))
    return asking if weight >= MIN_ASKED_WEIGHT else question


def asking_sentences(question: str) -> str:
    """The sentences of ``question`` that ask (and those that carry on from one: "그럼 평가는 안
    해도 되겠네요"), when others tell something around them; else nothing."""
    parts = sentences(question)
    asking = " ".join(
        p for i, p in enumerate(parts) if asks(p) or (i and asks(parts[i - 1]) and carries_on(p))
    )
    return asking if len(parts) >= 2 else ""


# A clause that ends this way sets the scene for the one after it, which asks: "결과도
# 들쭉날쭉한데, 템플릿을 강제할까요?", "our docs change weekly, so should we use RAG?".
_SCENE_CLAUSE = re.compile(
    r"(?:는데|은데|인데|한데|던데|이라|라서|어서|아서|해서|니까)\s*,?\s+|,\s*so\s+|;\s+"
)


def asking_clause(question: str) -> str:
    """What ``asked`` finds, less the clauses that set the scene before the one that asks,
    when that one names enough to be read alone and does not weigh what they tell ("…든다던데
    그만한 가치가 있나요?")."""
    text = asked(question)
    cuts = list(_SCENE_CLAUSE.finditer(text))
    last = text[cuts[-1].end() :] if cuts else ""
    if cuts and sum(n for _, n, _ in content_at(last)) >= MIN_ASKED_WEIGHT:
        return text if points_back(last) else last
    return text


# Words in quotes: opened after a space, a bracket or the start, closed before a space, a particle
# or punctuation (an apostrophe inside a word, "that's", opens nothing).
_QUOTED = re.compile(
    r"(?:^|(?<=[\s(]))(?:'([^'\n]{2,80})'|\"([^\"\n]{2,80})\"|[‘“「]([^’”」\n]{2,80})[’”」])"
    r"(?=[\s?!.,:;)~]|[가-힣]|$)"
)


def quoted(question: str) -> list[str]:
    """What ``question`` quotes, when it names enough to be read alone: the term it asks the
    meaning of ("what does 'output loop' mean?") or what someone said that it asks whether holds
    ("팀장님이 '파인튜닝하면 무조건 정확도 올라간다'는데 맞아요?"). The scene around it is the
    user's own; what is quoted is what the knowledge base must speak of."""
    spans = (next(g for g in m.groups() if g) for m in _QUOTED.finditer(question))
    return [s for s in spans if sum(n for _, n, _ in content_at(s)) >= MIN_ASKED_WEIGHT]


_SETTING = frozenset({"for", "with", "in", "on", "using", "via", "into"})


def settings(question: str) -> frozenset[int]:
    """The places (as in ``content_at``) of the words that follow a preposition: "for RAG" in
    "how do I chunk documents for RAG?" says where, not what, the question asks about."""
    raw = CASED_WORD.findall(_FINE_TUNE.sub("fine-tun", plainly(SAID_ASIDE.sub(" ", question))))
    return frozenset(at for at in range(1, len(raw)) if raw[at - 1].casefold() in _SETTING)


def content_words(question: str) -> list[tuple[str, int]]:
    """The words that say what the question is about, each with its weight: no filler, no
    everyday words, and in Korean no predicates (their endings say little, and vary too much
    to look up). A name or an acronym ("LoRA", "GPT-4o", "DB") weighs double."""
    return [(w, n) for w, n, _ in content_at(question)]
