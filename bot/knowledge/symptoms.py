"""Troubles the knowledge base explains, told in the user's words ("the bot forgets what we
said 20 messages ago"), which a section names in its front matter (``explains:``)."""

from __future__ import annotations

import re

SYMPTOMS: dict[str, re.Pattern[str]] = {
    "forgetting": re.compile(
        r"(?:대화|스레드|메시지|채팅)[^.?!\n]{0,30}(?:길어|길게|오래|한참|늘어|많아|넘어|쌓이)[^.?!\n]{0,60}"
        r"(?:까먹|잊|놓치|놓쳐|헷갈)|(?:앞에서|초반에|처음에|아까) (?:\S+\s){0,4}?(?:까먹|잊어)"
        r"|\b(?:loses?|losing|lost) (?:track|the plot|the thread)\b"
        r"|\bforg(?:ets?|ot|etting)\b[^.?!\n]{0,50}\b(?:earlier|at the start|beginning|ago)\b"
        # "… forgets the couple's date after like 30 messages", "in long threads it forgets".
        r"|\bforg(?:ets?|ot|etting)\b[^.?!\n]{0,60}\b(?:after|past|beyond|once)\b[^.?!\n]{0,20}"
        r"\b(?:messages?|msgs|turns?|exchanges?|replies|a while)\b"
        r"|\blong(?:er)?\s+(?:threads?|conversations?|chats?)\b[^.?!\n]{0,60}\bforg(?:ets?|ot|etting)\b"
    ),
    "crammed-prompt": re.compile(
        r"(?:다|전부|몽땅|통째로|한꺼번에|한 덩어리로)\s*(?:\S+\s*){0,2}?"
        r"(?:때려\s?넣|밀어\s?넣|집어\s?넣)"
        r"|\b(?:paste|dump|stuff|cram|shove|throw)\w*\b[^.?!\n]{0,40}"
        r"\b(?:entire|whole|all|everything)\b[^.?!\n]{0,80}\bprompts?\b"
    ),
    # A prompt grown long, where each fix breaks something else ("now like 4 pages and every
    # tweak breaks something", "프롬프트가 A4 세 장인데 하나 고치면 딴 데가 깨져요").
    "sprawling-prompt": re.compile(
        r"\bprompts?\b[^.?!\n]{0,40}\b(?:\d+|two|three|four|five|several|many|multiple)\s+pages?\b"
        r"|\b(?:giant|huge|massive|bloated|monster|enormous|endless)\s+(?:system\s+)?prompts?\b"
        r"|\bevery\s+(?:tweak|change|edit|fix)\s+(?:\w+\s+){0,2}?breaks\s+(?:something|another|other)"
        r"|프롬프트[^.?!\n]{0,30}(?:\d+\s*(?:페이지|장)|너무\s*길|엄청\s*길|비대)"
        r"|(?:하나|한\s*군데|한\s*줄)\s*(?:고치|바꾸|수정하)면\s*(?:딴|다른)\s*(?:데|게|거|곳)"
    ),
    # A prompt that stopped getting better however it is reworked ("아무리 만져도 품질이 어느
    # 선에서 딱 멈춰요", "it just won't get better than 'ok'").
    "prompt-ceiling": re.compile(
        r"아무리\s?(?:고쳐|만져|바꿔|다듬어|손봐|수정해|튜닝해)도[^.?!\n]{0,40}"
        r"(?:멈|제자리|그대로|안\s?(?:올라|늘|좋아|나아))"
        r"|(?:어느|일정)\s?(?:선|수준|정도)에서\s?(?:딱\s?)?(?:멈|막혀|막히|정체)"
        r"|\b(?:won'?t|doesn'?t|can'?t|isn'?t)\s+(?:get|getting)\s+(?:any\s+)?better\s+than\b"
        r"|\b(?:stuck|plateau\w*|stalled)\s+(?:at|around)\b"
        # "quality just won't go past a certain point no matter what we try".
        r"|\b(?:won'?t|doesn'?t|can'?t|never)\s+(?:go|get|move|climb)\s+(?:past|beyond|above)\s+"
        r"(?:a\s+certain|some|that|one)\s+(?:point|level|line)\b"
    ),
    # A change of approach made with nothing to measure it by ("we switched methods last term
    # and it felt better, but we never set up any evaluation", "평가 없이 파인튜닝으로 갈아탔어요").
    "unmeasured-switch": re.compile(
        r"\b(?:switch|mov|chang|migrat|went)\w*\b[^?!\n]{0,120}?"
        r"\b(?:never|no|without|didn'?t|haven'?t|hadn'?t)\s+(?:\w+\s+){0,3}?"
        r"(?:eval\w*|tests?|measur\w*|benchmark\w*|metrics?)\b"
        r"|(?:평가|측정|테스트)\S*\s*(?:없이|도\s*없이|안\s*하고|안\s*한\s*채)[^?!\n]{0,40}?"
        r"(?:바꿨|바꾼|갈아탔|갈아탄|전환|옮겼)"
        r"|(?:바꿨|바꾼|갈아탔|갈아탄|전환했|옮겼)[^?!\n]{0,60}?(?:평가|측정|테스트)\S*\s*"
        r"(?:없|안\s*했|안\s*해|못\s*했|은\s*안)"
    ),
    # Answers that may have got worse after a change to the prompt, with no way to tell ("we
    # tweaked the prompt last week and I suspect replies got worse", "프롬프트 바꾼 뒤로 답이
    # 나빠진 것 같은데"): what tracking after every update is for.
    "unnoticed-regression": re.compile(
        r"\bprompt\w*\b[^?!\n]{0,100}?(?:\b(?:worse|degraded|regress\w*)\b|\b(?:quality|accuracy"
        r"|answers?|replies|outputs?|scores?)\s+(?:\w+\s+)?(?:dropped|went\s+down|slipped|fell)\b)"
        r"|\b(?:worse|degraded|regress\w*)\b[^?!\n]{0,40}?\b(?:since|after)\s+(?:the\s+|our\s+|"
        r"that\s+|a\s+)?(?:prompt|update|upgrade)"
        # The drop may be told in the next sentence ("… 한 번 손봤거든요. 근데 몇 주 지나서야
        # 품질이 떨어진 걸 알았어요").
        r"|프롬프트[^.?!\n]{0,30}?(?:바꾼|바꿨|수정한|수정했|업데이트|고친|고쳤|손본|손봤)[^?!\n]{0,60}?"
        r"(?:나빠|떨어|안\s?좋아|이상해)"
    ),
    # Polishing a prompt's wording as the first move ("keep polishing the wording of the
    # prompt", "프롬프트 문구만 계속 다듬고 있는데"): the structure comes before the wording.
    "polishing-wording": re.compile(
        r"\b(?:polish|tweak|refin|rework|rewrit|fiddl|wordsmith|tinker)\w*\s+(?:with\s+)?"
        r"(?:\w+\s+){0,3}?(?:wording|phrasing)\s+of\s+(?:\S+\s+){0,3}?prompts?\b"
        r"|\b(?:polish|tweak|refin|rework|rewrit|fiddl|wordsmith|tinker)\w*\s+(?:with\s+)?"
        r"(?:the\s+|our\s+|its\s+)?prompts?(?:'s)?\s+(?:wording|phrasing)\b"
        r"|프롬프트[^.?!\n]{0,10}?(?:문구|문장|표현|워딩)(?:을|를|만)?\s?(?:계속\s?|더\s?|자꾸\s?)?"
        r"(?:다듬|고치|손보|바꾸|바꿔)"
    ),
    # Answers that stopped showing what they rest on ("lately answers just stopped citing
    # anything", "답변에 출처가 안 붙어요").
    "missing-evidence": re.compile(
        r"\bstopped\s+(?:citing|quoting|showing|linking|referencing)\b"
        r"|\bno\s+longer\s+(?:cites?|quotes?|shows?|links?|references?)\b"
        r"|(?:근거|출처)\s?(?:를|가|도)?\s?(?:안\s?(?:달|붙|보여|나와)|빠져|빠지|누락|사라)"
    ),
    # Not "we make up our minds", "makes up for it", "makes up 30% of traffic".
    "made-up-answers": re.compile(
        r"지어내|지어 내|\bhallucinat|\bmaking up\b(?! for| (?:our|my|your|their) minds?)"
        r"|\bmak(?:es?|ing) (?!(?:our|my|your|their) minds?)(?:\w+ ){1,2}up\b(?! for)"
        # Answers that come back with no source behind them: the evidence gone missing.
        r"|\bback without (?:any )?(?:supporting )?(?:source|evidence|notice)|근거\s?(?:없이|누락)"
    ),
}


def symptoms(text: str) -> tuple[str, ...]:
    """The troubles ``text`` tells of ("봇이 앞에서 합의한 규칙을 자꾸 까먹어요": forgetting)."""
    lowered = text.casefold()
    told = tuple(name for name, pat in SYMPTOMS.items() if pat.search(lowered))
    # A giant prompt of everything pasted in is the crammed one, not one grown by edits.
    crammed = "crammed-prompt" in told
    return tuple(t for t in told if not (crammed and t == "sprawling-prompt"))
