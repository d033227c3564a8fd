#!/usr/bin/env python3
"""Builds pairs.csv, the labelled name pairs of `npm run bench -- screen-quality`, from public data.

    python3 bench/screen-quality/build_pairs.py SDN.CSV ALT.CSV COMPANY_TICKERS.JSON > bench/screen-quality/pairs.csv

Inputs (see SOURCES.md): OFAC's SDN list (sdn.csv, alt.csv) and the SEC's company_tickers.json.
Only the standard library; the output is deterministic for the same inputs.

Pairs (query, listed):
  same      alias: an OFAC entity's alias against its primary name when it is the same name written
            another way: one's words all in the other's (legal forms and joining words aside, and
            with a distinctive word), or letters close (character trigram Dice >= 0.6 of the whole
            names or of their words but legal forms and joining words). Other aliases
            (translations, acronyms, former or other names) are names of their own, which the lists
            carry and the matcher indexes as such: they are not pairs of variants.
  different sdn-lookalike: two OFAC entities sharing a distinctive word, neither linked to the other
            and neither name's words a subset of the other's (those are branches and affiliates),
            legal forms and joining words aside (FORM_WORDS).
            sec-lookalike: an SEC registrant's name against the OFAC entity name it shares the most
            words with (at least one distinctive word), unless the two are the same words but for
            legal forms and joining words.
A distinctive word: 4 letters or more and not among the 150 commonest words of all the names read.
Each pair also carries every name the list gives the listed entity but the query itself
(listed_names, ' | ' between names): screening compares a name with all of an entity's names.
Each pair goes to split `tune` or `test` by a hash of its text, so the halves are fixed.
"""
import csv, hashlib, json, re, sys, unicodedata
from collections import Counter

WORD = re.compile(r'[a-z0-9]+')
# Legal forms and joining words: two names that differ only in these are one name (homonyms of
# different entities, e.g. one company registered in two countries), not look-alikes.
FORM_WORDS = set('''co company companies corp corporation inc incorporated ltd limited llc lp llp plc gmbh mbh ag kg sa sas sarl
srl spa sl bv nv pty pvt pte private sdn bhd ltda cv sro ooo zao oao ao pao jsc pjsc ojsc cjsc fze fzc fzco dmcc wll doo eood
ead kft tov lda sac sal joint stock the of for and de del la le al el a b c d e f g h i j k l m n o p q r s t u v w x y z'''.split())


def words(name):
    s = unicodedata.normalize('NFKD', name).encode('ascii', 'ignore').decode().lower()
    return WORD.findall(s)


def core(name):
    return set(words(name)) - FORM_WORDS


def glued(name):
    return ''.join(words(name))


def trigram_dice(a, b):
    ta = Counter(a[i:i + 3] for i in range(len(a) - 2))
    tb = Counter(b[i:i + 3] for i in range(len(b) - 2))
    n = sum(ta.values()) + sum(tb.values())
    return 2 * sum((ta & tb).values()) / n if n else 0.0


def main(sdn_path, alt_path, sec_path):
    sdn = [r for r in csv.reader(open(sdn_path, encoding='latin-1')) if len(r) > 11 and r[2].strip() == '-0-']
    ents = {r[0]: r[1].strip() for r in sdn}
    remarks = {r[0]: r[11].upper() for r in sdn}
    aliases = [(r[0], r[3].strip()) for r in csv.reader(open(alt_path, encoding='latin-1')) if len(r) > 3 and r[0] in ents]
    names_of = {e: [n] for e, n in ents.items()}
    for e, a in aliases:
        names_of[e].append(a)
    others = lambda e, q: ' | '.join(n for n in names_of[e] if n.lower() != q.lower())
    sec = sorted({v['title'].strip() for v in json.load(open(sec_path)).values()})
    freq = Counter(w for n in list(ents.values()) + [a for _, a in aliases] + sec for w in set(words(n)))
    common = {w for w, _ in freq.most_common(150)}
    distinct = lambda n: {w for w in words(n) if len(w) >= 4 and w not in common}
    rows = []
    for e, a in aliases:
        name = ents[e]
        cn, ca = core(name), core(a)
        contained = cn and ca and (distinct(name) or distinct(a)) and (cn <= ca or ca <= cn)
        close = trigram_dice(glued(name), glued(a)) >= 0.6 or trigram_dice(''.join(sorted(cn)), ''.join(sorted(ca))) >= 0.6
        if contained or close:
            rows.append(('same', 'alias', a, name, others(e, a), f'ofac-sdn {e} alias'))
    positives = len(rows)
    # Hardest different-entity partner per OFAC entity: most shared words (Jaccard), then name order.
    by_word = {}
    for e, n in ents.items():
        for w in sorted(distinct(n)):
            by_word.setdefault(w, []).append(e)
    sdn_neg = []
    for e, n in sorted(ents.items(), key=lambda x: int(x[0])):
        we = core(n)
        best = None
        for w in sorted(distinct(n)):
            if len(by_word[w]) > 60:
                continue
            for o in by_word[w]:
                if o == e or int(o) < int(e):
                    continue
                m = ents[o]
                wo = core(m)
                if we <= wo or wo <= we or m.upper() in remarks[e] or n.upper() in remarks[o]:
                    continue
                j = len(we & wo) / len(we | wo)
                if best is None or j > best[0]:
                    best = (j, o)
        if best:
            sdn_neg.append((best[0], ('different', 'sdn-lookalike', n, ents[best[1]], others(best[1], n), f'ofac-sdn {e} vs {best[1]}')))
    sec_neg = []
    sdn_by_word = {}
    for e, n in ents.items():
        for w in sorted(distinct(n)):
            sdn_by_word.setdefault(w, []).append(e)
    for s in sec:
        if not core(s):
            continue
        ws = core(s)
        best = None
        for w in sorted(distinct(s)):
            for o in sdn_by_word.get(w, []):
                wo = core(ents[o])
                if ws == wo:
                    continue
                j = len(ws & wo) / len(ws | wo)
                if best is None or j > best[0]:
                    best = (j, o)
        if best:
            sec_neg.append((best[0], ('different', 'sec-lookalike', s, ents[best[1]], others(best[1], s), f'sec company_tickers vs ofac-sdn {best[1]}')))
    # As many negatives as positives, half of each kind, the hardest (most shared words) first.
    half = positives // 2
    sdn_neg.sort(key=lambda x: (-x[0], x[1][2]))
    sec_neg.sort(key=lambda x: (-x[0], x[1][2]))
    rows += [r for _, r in sdn_neg[:half]] + [r for _, r in sec_neg[:positives - min(half, len(sdn_neg))]]
    out = csv.writer(sys.stdout, lineterminator='\n')
    out.writerow(['id', 'split', 'label', 'kind', 'query', 'listed', 'listed_names', 'source'])
    seen = set()
    for label, kind, q, l, names, src in rows:
        if (q, l) in seen:
            continue
        seen.add((q, l))
        h = hashlib.sha256(f'{q}\t{l}'.encode()).digest()
        out.writerow([len(seen), 'tune' if h[0] % 2 == 0 else 'test', label, kind, q, l, names, src])


if __name__ == '__main__':
    main(*sys.argv[1:4])
