"""A synthetic corpus for the benchmarks: N valid articles per language, 400–800 words each.

Text is drawn with a Zipf-like frequency from a large lexicon per language (every word form of
the sample articles plus generated compounds or medical terms, over 20,000 distinct words), so
search indexes and output sizes look like a real portal's. Article i gets the same text for
any N (its random generator is seeded by language and number), so page sizes compare across N.

    python bench/corpus.py OUT N
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
import shutil
import sys
from bisect import bisect
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("nb", "nn", "en")
TOPICS = 24

NO_STEMS = """helse lege pasient sykehus behandling vaksine reise tann barn hjerte lunge nyre blod smerte hud
øye øre mage tarm ledd rygg kne hofte skulder nakke hode hjerne nerve muskel bein fot hånd arm kreft sukker
astma allergi infeksjon virus bakterie feber hoste influensa resept medisin tablett dose apotek klinikk avdeling
akutt vakt ambulanse ulykke skade brudd sår brann gift søvn stress angst rus alkohol tobakk røyk kost trening
vekt fødsel amming ungdom eldre omsorg pleie hjem tjeneste rett klage journal samtykke fullmakt tolk språk
kort andel refusjon time henvisning kø utredning operasjon opptrening terapi samtale prøve svar test register
forskning donor organ syn hørsel tale kommune fylke region stat trygd stønad penger kostnad buss tog fly båt
skole jobb arbeid familie mor far søster bror venn nabo by bygd fjell sjø vann mat frukt fisk kjøtt brød melk
kaffe vinter sommer høst vår natt dag morgen kveld uke måned år alder kropp sinn tanke følelse glede sorg
hjelp råd veiledning plan mål tiltak risiko tegn symptom diagnose kontroll oppfølging innleggelse utskrivning
senter stasjon rom seng stol dør vindu trapp heis telefon melding brev skjema søknad vedtak frist grense sats
tid sted vei tur rute grunn form farge lys lyd luft varme kulde vind regn snø is stein jord skog eng hage""".split()
NO_ENDINGS = ["", "", "", "en", "et", "er", "ene", "a", "ar", "ane", "s"]
EN_PREFIXES = """a an anti brady dys endo epi hyper hypo inter intra micro macro neo para peri poly post pre sub
supra tachy trans auto bio contra de ecto extra infra meta mono multi pan retro semi ultra""".split()
EN_ROOTS = """card angi arthr bronch col cost cyst derm encephal enter gastr gloss hem hepat hist hyster lapar lith
mast my nephr neur ophthalm oste ot path phleb pneum proct psych rhin sarc scler spondyl thorac thromb trache ur
vas ven""".split()
EN_SUFFIXES = "itis ology ectomy otomy opathy oscopy algia emia osis oplasty ologist ogram ography ogenic olysis ostasis otrophy".split()


def sample_words(lang: str) -> list[str]:
    words = set()
    for path in (ROOT / "docs" / lang).rglob("*.md"):
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8")))
    return sorted(words)


def lexicon(lang: str) -> list[str]:
    words = set(sample_words(lang))
    if lang == "en":
        words.update(r + s for r in EN_ROOTS for s in EN_SUFFIXES)
        words.update(p + r + s for p in EN_PREFIXES for r in EN_ROOTS for s in EN_SUFFIXES)
        words.update(w + e for w in sample_words(lang) for e in ("s", "ed", "ing"))
    else:
        stems = NO_STEMS if lang == "nb" else [s.replace("sykehus", "sjukehus") for s in NO_STEMS]
        for a, b in itertools.product(stems, stems):
            if a != b:
                words.add(a + ("s" if len(a) > 5 and not a.endswith("s") else "") + b)
        words.update(s + e for s in stems for e in NO_ENDINGS)
    ordered = sorted(words)
    random.Random(f"lexicon-{lang}").shuffle(ordered)
    return ordered


class Writer:
    """Draws words with a Zipf-like frequency (weight 1 / rank^1.07)."""

    def __init__(self, lang: str):
        self.words = lexicon(lang)
        total, self.cumulative = 0.0, []
        for rank in range(len(self.words)):
            total += 1.0 / (rank + 1) ** 1.07
            self.cumulative.append(total)
        self.total = total

    def word(self, rng: random.Random) -> str:
        return self.words[min(bisect(self.cumulative, rng.random() * self.total), len(self.words) - 1)]

    def sentence(self, rng: random.Random) -> str:
        words = [self.word(rng) for _ in range(rng.randint(7, 17))]
        return " ".join(words).capitalize() + "."

    def title(self, rng: random.Random, number: int) -> str:
        first = rng.choice(self.words)
        if number % 97 == 0:
            first = f"{number % 10}{rng.choice('ABCD')}-{first}"
        return f"{first.capitalize()} {self.word(rng)} {number}"


def article(writer: Writer, lang: str, number: int, providers: list[str]) -> str:
    rng = random.Random(f"{lang}-{number}")
    target = rng.randint(400, 800)
    title = writer.title(rng, number)
    description = writer.sentence(rng)[:180]
    aliases = list(dict.fromkeys(writer.word(rng).capitalize() + f" {number}" for _ in range(rng.choice([0, 0, 1, 2]))))
    body, count = [], 0
    while count < target:
        if body and rng.random() < 0.3:
            body.append("## " + " ".join(writer.word(rng) for _ in range(rng.randint(2, 4))).capitalize())
        if rng.random() < 0.15:
            items = [" ".join(writer.word(rng) for _ in range(rng.randint(3, 8))) for _ in range(rng.randint(3, 5))]
            body.append("\n".join("- " + item for item in items))
            count += sum(len(i.split()) for i in items)
        sentences = [writer.sentence(rng) for _ in range(rng.randint(3, 6))]
        body.append(" ".join(sentences))
        count += sum(len(s.split()) for s in sentences)
    month, day = rng.randint(1, 10), rng.randint(1, 28)
    lines = [
        "---",
        f"title: {title}",
        f"description: {description}",
        f"provider: {rng.choice(providers)}",
        "reviewer: Kari Eksempel, lege",
        f"reviewed: 2026-{month:02d}-{day:02d}",
    ]
    if aliases:
        lines += ["aliases:"] + [f"  - {a}" for a in aliases]
    return "\n".join(lines + ["---", "", *("\n\n".join(body).split("\n")), ""])


def rel_path(number: int) -> str:
    topic = f"tema-{number % TOPICS + 1:02d}"
    if number % 10 == 3:
        return f"{topic}/del-{number % 4}/artikkel-{number:05d}.md"
    return f"{topic}/artikkel-{number:05d}.md"


def only_bench_languages(out: Path) -> None:
    """The corpus has LANGS: take the site's other languages out of data/site.yml and mkdocs.yml
    (the scale figures stay comparable with earlier runs)."""
    site = out / "data" / "site.yml"
    text = re.sub(r"^languages: .*$", f"languages: [{', '.join(LANGS)}]", site.read_text(encoding="utf-8"), flags=re.M)
    # the sample's front-page articles and kiosk municipality are not in the corpus
    text = re.sub(r"(?m)^front_articles:\n(?:  - .*\n)+", "front_articles: []\n", text)
    text = re.sub(r"(?m)^kiosk_region: .*\n", "", text)
    site.write_text(text, encoding="utf-8")
    for glossary in (out / "data" / "glossary").glob("*.yml"):
        if glossary.stem not in LANGS:
            glossary.unlink()
    config = out / "mkdocs.yml"
    blocks = re.split(r"(?m)^(?=        - locale: )", config.read_text(encoding="utf-8"))
    kept = [b for b in blocks if not re.match(r"        - locale: ", b) or b.split()[2] in LANGS]
    last = blocks[-1]
    if last not in kept:  # the last language block also holds what follows the list
        kept.append(last[last.index("\nhooks:") :])
    config.write_text("".join(kept), encoding="utf-8")


def make(out: Path, n: int) -> Path:
    """Write a complete project (config, templates, hooks, data, docs) with n articles per
    language. The project's own files are always copied afresh; the articles are written
    again only when the generator or N changed."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "overrides", "hooks", "data"):
        source, target = ROOT / name, out / name
        if target.is_dir():
            shutil.rmtree(target)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    topics = []
    for t in range(1, TOPICS + 1):
        topics += [
            f"tema-{t:02d}:",
            "  title:",
            f"    nb: Tema {t}",
            f"    nn: Tema {t}",
            f"    en: Topic {t}",
            "  description:",
            f"    nb: Artikler om tema {t}.",
            f"    nn: Artiklar om tema {t}.",
            f"    en: Articles about topic {t}.",
        ]
    (out / "data" / "topics.yml").write_text("\n".join(topics) + "\n", encoding="utf-8")
    only_bench_languages(out)
    (out / "data" / "redirects.yml").unlink(missing_ok=True)  # the sample's old addresses lead to sample articles
    providers = [
        line.split(":")[0]
        for line in (ROOT / "data/providers.yml").read_text().splitlines()
        if line and not line.startswith((" ", "#"))
    ]
    stamp = out / ".generated"  # beside docs/, where only articles and images may be
    fingerprint = f"{n} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}"
    if stamp.exists() and stamp.read_text() == fingerprint:
        return out
    if (out / "docs").exists():
        shutil.rmtree(out / "docs")
    for lang in LANGS:
        writer = Writer(lang)
        docs = out / "docs" / lang
        docs.mkdir(parents=True)
        (docs / "index.md").write_text(
            "---\ntitle: Forside\ndescription: Forside.\n---\n\n# Helsesider\n", encoding="utf-8"
        )
        for number in range(n):
            path = docs / rel_path(number)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article(writer, lang, number, providers), encoding="utf-8")
    stamp.write_text(fingerprint)
    return out


MUNICIPALITIES, TRUSTS = 353, 4  # 357 regions: Norway's municipalities and four health trusts
LOCAL_TEXT = (
    "Legevakten i {name} ligger i Storgata {number}. Den er åpen hele døgnet. Ring 116 117 før du kommer.\n\n"
    "- Parkering ved inngangen, og inngangen er uten trapper.\n"
    "- Ta med en liste over medisinene du bruker.\n\n"
    "{sentences}\n"
)


def add_local(out: Path, n: int, additions: int) -> Path:
    """Add 357 regions (353 municipalities, 4 trusts that cover them) and `additions` local
    additions to the corpus at `out`: a few articles get additions from most regions (as the
    legevakt article would), the rest from a few. Written again only when the inputs changed."""
    municipalities = [f"kommune-{i:03d}" for i in range(MUNICIPALITIES)]
    lines = []
    for rid in municipalities:
        lines += [
            f"{rid}:",
            "  name:",
            f"    nb: Kommune {rid[-3:]}",
            f"    nn: Kommune {rid[-3:]}",
            "  kind: municipality",
        ]
    for t in range(TRUSTS):
        covered = ", ".join(municipalities[t::TRUSTS])
        lines += [f"hf-{t}:", "  name:", f"    nb: Helseforetak {t}", "  kind: health-trust", f"  covers: [{covered}]"]
    (out / "data" / "regions.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    providers = (out / "data" / "providers.yml").read_text(encoding="utf-8")
    if "\nkommune-000:" not in providers:
        entries = [
            f"{rid}:\n  name:\n    nb: {rid} (eksempel)\n  url: https://{rid}.example.org/\n"
            for rid in [*municipalities, *(f"hf-{t}" for t in range(TRUSTS))]
        ]
        (out / "data" / "providers.yml").write_text(providers + "\n" + "\n".join(entries), encoding="utf-8")
    stamp = out / ".local-generated"  # the data files above are written each time (make() copies data/ afresh)
    fingerprint = f"{n} {additions} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}"
    if stamp.exists() and stamp.read_text() == fingerprint and (out / "local").is_dir():
        return out
    if (out / "local").exists():
        shutil.rmtree(out / "local")
    regions = [*municipalities, *(f"hf-{t}" for t in range(TRUSTS))]
    rng, writer, done = random.Random("local"), Writer("nb"), set()
    while len(done) < additions:
        lang = rng.choice(LANGS)
        number = int(min(n - 1, rng.paretovariate(0.6) - 1))  # a few articles with most additions
        region = rng.choice(regions)
        if (region, lang, number) in done:
            continue
        done.add((region, lang, number))
        path = out / "local" / region / lang / rel_path(number)
        path.parent.mkdir(parents=True, exist_ok=True)
        sentences = " ".join(writer.sentence(rng) for _ in range(rng.randint(2, 6)))
        body = LOCAL_TEXT.format(name=region, number=len(done), sentences=sentences)
        path.write_text(
            f"---\nprovider: {region}\nreviewer: Kari Eksempel, lege\nreviewed: 2026-10-01\n---\n\n{body}",
            encoding="utf-8",
        )
    stamp.write_text(fingerprint)
    return out


def distinct_words(lang: str) -> int:
    return len(lexicon(lang))


if __name__ == "__main__":
    target, count = Path(sys.argv[1]), int(sys.argv[2])
    make(target, count)
    print(
        f"wrote {count} articles per language to {target}; lexicon sizes:",
        {lang: distinct_words(lang) for lang in LANGS},
    )
