"""Time PDF builds in one process, and what each typographic feature costs.

    python benchmarks/pdf_inprocess.py [--runs 50] [--variant-runs 15]

Builds the same Document `--runs` times with the shipping settings and prints the mean
and median time per PDF, then times each variant (hyphenation off, no TOC page numbers,
leader() or a dotted border instead of the tiled dots, untagged, PDF/A, fresh FontConfiguration and CSS
per build) in the same run and prints its ratio to the shipping build, because absolute
times vary between machines and days (FACTS.md).

By default the Document is the hand-built sample enlarged with realistic Danish clauses
to 8 pages (cover, contents, 6 pages of text; 1,600 words); `--example examples/x.yaml`
builds a school's options file through the library instead.

Recorded 2026-11-25 on the 2-core machine, shared with other jobs (load average 2.5-3.8,
so absolute times are high; ratios come from interleaved rounds):

    enlarged sample, 8 pages, --runs 50 --variant-runs 10:
      shipping build: mean 0.394 s, median 0.396 s, min 0.330 s per PDF
      no hyphenation 1.04 | no TOC page numbers 1.12 | TOC with clauses 1.56
      leader() dots 1.20 | dotted-border dots 0.96 | untagged 0.83 | pdf/a-3b 1.03
      fresh FontConfiguration + CSS per build 1.51 | fontTools subsetting 4.13
      straightforward (fresh set-up, 2-level TOC, leader()) 2.64
    examples/soendervang-skole.yaml, 13 pages, 4,040 words, --runs 20 --variant-runs 6:
      shipping build: mean 0.795 s, median 0.763 s, min 0.640 s per PDF
      straightforward 1.97 (median) / 2.42 (fastest); TOC with clauses 1.49;
      fontTools subsetting 1.92; leader() dots 1.24
"""

from __future__ import annotations

import argparse
import io
import logging
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sample_document import sample_document  # noqa: E402

from generator.document import (  # noqa: E402
    Clause,
    Document,
    ListBlock,
    Paragraph,
    Run,
    Section,
    Source,
)
from generator.writers.glyphs import printed_text  # noqa: E402
from generator.writers.html import themed_css  # noqa: E402
from generator.writers.pdf import writer as wp  # noqa: E402


def para(text: str) -> Paragraph:
    return Paragraph((Run(text),))


def bullets(*items: str, ordered: bool = False) -> ListBlock:
    return ListBlock(items=tuple((para(item),) for item in items), ordered=ordered)


# Realistic clause text, after Kolding Lærerkreds' guidance on teachers' use of social media.
EXTRA_SECTIONS = (
    (
        "Anvendelsesområde",
        (
            (
                "Hvem politikken gælder for",
                [
                    para(
                        "Politikken gælder for alle ansatte på skolen: lærere, pædagoger, "
                        "ledere, administrative medarbejdere, vikarer og studerende i praktik. "
                        "Den gælder både i arbejdstiden og i fritiden, når en medarbejder "
                        "optræder på sociale medier på en måde, der kan forbindes med skolen, "
                        "elever, forældre eller kolleger."
                    ),
                    para(
                        "Ved sociale medier forstås tjenester, hvor brugerne selv deler "
                        "indhold og kommunikerer med hinanden, f.eks. Facebook, Instagram, "
                        "Snapchat, TikTok, LinkedIn, X, YouTube og beskedtjenester som "
                        "Messenger og WhatsApp. Skolens egen kommunikationsplatform er ikke "
                        "et socialt medie i politikkens forstand."
                    ),
                ],
            ),
            (
                "Forholdet til skolens øvrige regler",
                [
                    para(
                        "Politikken supplerer kommunens retningslinjer for informationssikkerhed, "
                        "skolens ordensregler og værdiregelsæt. Hvis reglerne er i strid med "
                        "hinanden, går kommunens regler forud. Skolelederen sørger for, at "
                        "nye medarbejdere får politikken udleveret ved ansættelsen, og at den "
                        "drøftes på et personalemøde mindst én gang om året."
                    ),
                ],
            ),
        ),
    ),
    (
        "Kommunikation med elever og forældre",
        (
            (
                "Brug skolens platform",
                [
                    para(
                        "Al skriftlig kommunikation med elever og forældre om skolens forhold "
                        "foregår på skolens valgte IT-platform (Aula). Platformen rummer de "
                        "funktioner, der også findes på de sociale medier, men den er lukket: "
                        "indholdet er kun tilgængeligt for de grupper, medarbejderen selv har "
                        "valgt ved oprettelsen, og skolen kan dokumentere, hvad der er sagt."
                    ),
                    bullets(
                        "Beskeder om undervisning, lektier og fravær sendes via Aula.",
                        "Grupper for en klasse eller et hold oprettes som lukkede grupper.",
                        "Opslag om arrangementer deles på skolens officielle kanaler.",
                        "Private profiler bruges ikke til kommunikation med elever.",
                    ),
                ],
            ),
            (
                "Ros og ris",
                [
                    para(
                        "Undlad individuel ros eller ris på skrift, uanset platform. "
                        "Tilbagemelding på den enkelte elevs faglige udvikling og adfærd gives "
                        "ansigt til ansigt eller ved en samtale med forældrene, så misforståelser "
                        "kan ryddes af vejen med det samme. Det gælder også korte kommentarer "
                        "og emojis, som let kan læses på en anden måde, end de var ment."
                    ),
                ],
            ),
            (
                "Beskedtjenester",
                [
                    para(
                        "Begræns brugen af sms og andre beskedtjenester til helt neutrale "
                        "meddelelser, f.eks. om mødetidspunkter og aflysninger. Indhold om "
                        "trivsel, konflikter eller personlige forhold hører ikke hjemme i en "
                        "besked på telefonen, men i en samtale eller på skolens platform."
                    ),
                ],
            ),
            (
                "Aldrig den eneste voksne i gruppen",
                [
                    para(
                        "Når en medarbejder deltager i en gruppe med elever, skal mindst én "
                        "kollega fra teamet også være med. Det beskytter både eleverne og "
                        "medarbejderen, og det sikrer, at en anden voksen kan tage over ved "
                        "sygdom eller ferie."
                    ),
                ],
            ),
        ),
    ),
    (
        "Tavshedspligt, loyalitet og ytringsfrihed",
        (
            (
                "Tavshedspligt",
                [
                    para(
                        "Den tavshedspligt, der gælder i forhold til arbejdsopgaverne, gælder "
                        "også på de sociale medier. Oplysninger om elever, forældre og kolleger, "
                        "som medarbejderen får kendskab til gennem sit arbejde, må ikke deles, "
                        "heller ikke i lukkede grupper eller i omskrevet form, hvor personen "
                        "kan genkendes af andre."
                    ),
                    para(
                        "Tavshedspligten følger af forvaltningslovens § 27 og straffelovens "
                        "§ 152 og gælder også, efter at ansættelsen er ophørt."
                    ),
                ],
            ),
            (
                "Respekt og loyalitet",
                [
                    para(
                        "Medarbejderen udviser samme respekt og loyalitet over for "
                        "arbejdspladsen, kolleger og ledelse på de sociale medier, som han "
                        "eller hun ville gøre ansigt til ansigt. Uenighed om interne forhold "
                        "tages op på arbejdspladsen, i MED-udvalget eller med "
                        "tillidsrepræsentanten."
                    ),
                ],
            ),
            (
                "Ytringsfrihed",
                [
                    para(
                        "Offentligt ansatte har ytringsfrihed, når de udtaler sig på egne "
                        "vegne, også om forhold på deres eget arbejdsområde og også kritisk. "
                        "Politikken begrænser ikke denne ret. Det skal fremgå klart, at "
                        "medarbejderen ikke udtaler sig på skolens vegne, og udtalelser må ikke "
                        "indeholde fortrolige oplysninger, være ærekrænkende eller fremsættes "
                        "i en urimeligt grov form."
                    ),
                ],
            ),
        ),
    ),
    (
        "Underretningspligt",
        (
            (
                "Bekymrende oplysninger på sociale medier",
                [
                    para(
                        "Medarbejderen har personlig pligt til at underrette kommunen, hvis "
                        "han eller hun på de sociale medier bliver bekendt med forhold, der "
                        "giver anledning til bekymring for et barns eller en ungs trivsel og "
                        "udvikling. Pligten følger af barnets lov og gælder, uanset hvor "
                        "oplysningen kommer fra."
                    ),
                    bullets(
                        "Gem dokumentation, f.eks. et skærmbillede med dato.",
                        "Orientér skolens ledelse samme dag.",
                        "Underret kommunen; ledelsen kan hjælpe med underretningen.",
                        ordered=True,
                    ),
                ],
            ),
        ),
    ),
    (
        "Billeder og video",
        (
            (
                "Billeder af elever",
                [
                    para(
                        "Billeder og video af elever tages med skolens udstyr og kun til "
                        "saglige formål, f.eks. dokumentation af undervisningen eller "
                        "information til forældre på skolens platform. Private telefoner og "
                        "private profiler bruges ikke. Billeder, der kan udstille eller "
                        "krænke elever eller kolleger, tages og deles ikke."
                    ),
                    para(
                        "Skolen sletter billeder, når formålet er opfyldt, og tager hensyn "
                        "til forældre, der ikke ønsker, at deres barn optræder på billeder."
                    ),
                ],
            ),
            (
                "Billeder af kolleger",
                [
                    para(
                        "Spørg altid kolleger, før et billede af dem deles på sociale medier, "
                        "også når billedet er taget ved et socialt arrangement uden for "
                        "arbejdstiden."
                    ),
                ],
            ),
        ),
    ),
    (
        "Privat brug af sociale medier",
        (
            (
                "Adskil det private og det professionelle",
                [
                    para(
                        "Medarbejdere må gerne bruge sociale medier privat, også i pauser på "
                        "skolen. Det anbefales at holde private profiler adskilt fra den "
                        "professionelle rolle: brug de strammeste indstillinger for, hvem der "
                        "kan se opslag, billeder og venneliste, og overvej, om arbejdspladsen "
                        "skal fremgå af profilen. Jo mere der er offentligt, jo lettere kan "
                        "elever og forældre finde frem til medarbejderens privatliv."
                    ),
                    para(
                        "Tænk over, at opslag kan deles videre, gemmes som skærmbilleder og "
                        "dukke op igen mange år senere, også selv om de er slettet. Et opslag "
                        "i en lukket gruppe er ikke fortroligt, blot fordi gruppen er lukket. "
                        "Skriv derfor ikke noget om elever, forældre, kolleger eller skolen, "
                        "som du ikke ville kunne stå inde for, hvis det blev læst højt på et "
                        "forældremøde."
                    ),
                ],
            ),
            (
                "Tidligere elever",
                [
                    para(
                        "Anderledes forholder det sig med tidligere elever. Når eleven har "
                        "forladt skolen, er der ikke længere et arbejdsmæssigt forhold, og "
                        "medarbejderen afgør selv, om en venneanmodning skal accepteres. Vær "
                        "dog opmærksom på, at tidligere elever kan have yngre søskende på "
                        "skolen, og at et venskab kan give indblik i forhold, som angår "
                        "nuværende elever og deres familier."
                    ),
                ],
            ),
            (
                "Forældre, bestyrelse og samarbejdspartnere",
                [
                    para(
                        "Det kan være uhensigtsmæssigt eller besværliggøre det professionelle "
                        "arbejde at være ven med personer, som medarbejderen har en "
                        "arbejdsmæssig relation til, f.eks. forældre, medlemmer af "
                        "skolebestyrelsen, socialrådgivere og psykologer. Mange medarbejdere "
                        "bor i det lokalsamfund, hvor de arbejder, og har naturligt venner, "
                        "der også er forældre på skolen. Politikken forbyder ikke sådanne "
                        "venskaber, men beder medarbejderen være særligt varsom med, hvad der "
                        "deles, og aldrig drøfte skolens forhold i den sammenhæng."
                    ),
                    bullets(
                        "Afvis eller udskyd venneanmodninger fra forældre til nuværende elever.",
                        "Brug en neutral standardbesked, så ingen føler sig forbigået.",
                        "Henvis altid til skolens platform, når samtalen handler om skolen.",
                    ),
                ],
            ),
        ),
    ),
    (
        "Skolens egne profiler",
        (
            (
                "Hvem der taler på skolens vegne",
                [
                    para(
                        "Skolens officielle profiler på sociale medier administreres af "
                        "ledelsen eller af medarbejdere, som ledelsen har udpeget. Kun de "
                        "udpegede medarbejdere opretter opslag og svarer på kommentarer på "
                        "skolens vegne. Andre medarbejdere, som ønsker at dele noget fra "
                        "undervisningen, aftaler det med en af de udpegede."
                    ),
                    para(
                        "Opslag på skolens profiler følger de samme regler for billeder, "
                        "tavshedspligt og god tone som al anden kommunikation fra skolen. "
                        "Kommentarer, der er krænkende eller indeholder personoplysninger om "
                        "elever, skjules eller slettes hurtigst muligt, og ledelsen vurderer, "
                        "om afsenderen skal kontaktes."
                    ),
                ],
            ),
            (
                "Kriser og henvendelser fra pressen",
                [
                    para(
                        "Ved en krise, f.eks. en ulykke, en alvorlig hændelse på skolen eller "
                        "en sag, der omtales i medierne, udtaler kun skolelederen eller den, "
                        "lederen udpeger, sig på skolens vegne. Medarbejdere henviser "
                        "henvendelser fra journalister til ledelsen og deler ikke oplysninger "
                        "om hændelsen på sociale medier, før ledelsen har informeret elever, "
                        "forældre og personale."
                    ),
                ],
            ),
        ),
    ),
    (
        "Når politikken ikke bliver fulgt",
        (
            (
                "Dialog først",
                [
                    para(
                        "Opstår der tvivl om, hvorvidt en medarbejders brug af sociale medier "
                        "er i overensstemmelse med politikken, tager ledelsen en samtale med "
                        "medarbejderen. Medarbejderen kan tage sin tillidsrepræsentant med. "
                        "Formålet er at rette op og lære af episoden, ikke at straffe."
                    ),
                    para(
                        "Gentagne eller grove overtrædelser kan få ansættelsesretlige "
                        "konsekvenser efter de almindelige regler. Kritik, som medarbejderen "
                        "fremsætter på egne vegne inden for ytringsfrihedens grænser, er "
                        "aldrig en overtrædelse af politikken."
                    ),
                ],
            ),
            (
                "Evaluering",
                [
                    para(
                        "Politikken evalueres i MED-udvalget hvert andet år og i øvrigt, når "
                        "nye tjenester eller episoder giver anledning til det. Ændringer "
                        "forelægges skolebestyrelsen, før de træder i kraft."
                    ),
                ],
            ),
        ),
    ),
)

FILLER = para(
    "Venskaber på sociale medier giver mulighed for gensidigt at se hinandens oplysninger, "
    "netværk og opdateringer. Dermed åbnes der for videre udbredelse af personlige "
    "oplysninger, og der kan opstå mistolkninger af venskabets natur og omfang: hvem er "
    "inde, hvem er ude, og hvorfor. Det kan besværliggøre lærerens professionelle arbejde "
    "at være ven med forældre, skolebestyrelsesmedlemmer eller samarbejdspartnere."
)


def realistic_document(*, review: bool = False) -> Document:
    """The sample Document enlarged to about 8 pages with realistic Danish clauses."""
    base = sample_document(review=review)
    first, friendships, harassment, contacts = base.sections
    friendships = replace(
        friendships,
        clauses=tuple(replace(clause, blocks=(*clause.blocks, FILLER)) for clause in friendships.clauses),
    )
    middle = [friendships]
    for title, clauses in EXTRA_SECTIONS:
        number = str(len(middle) + 2)
        middle.append(
            Section(
                id=f"extra-{number}",
                number=number,
                title=title,
                clauses=tuple(
                    Clause(
                        id=f"extra-{number}.{index}",
                        number=f"{number}.{index}",
                        title=clause_title,
                        blocks=tuple(blocks),
                    )
                    for index, (clause_title, blocks) in enumerate(clauses, start=1)
                ),
            )
        )
    renumbered = [first, *middle]
    for section in (harassment, contacts):
        number = str(len(renumbered) + 1)
        renumbered.append(
            replace(
                section,
                number=number,
                clauses=tuple(
                    replace(clause, number=f"{number}.{clause.number.split('.')[1]}") for clause in section.clauses
                ),
            )
        )
    sources = (
        *base.sources,
        Source("Forvaltningsloven § 27 (tavshedspligt)."),
        Source("Straffeloven § 152 (fortrolige oplysninger)."),
        Source("Barnets lov § 133 (skærpet underretningspligt)."),
        Source("Lov om offentligt ansattes ytringsfrihed, lov nr. 557 af 27. maj 2025."),
        Source("Datatilsynet: Må skoler tage billeder uden samtykke? (25. august 2022)."),
    )
    return replace(base, sections=tuple(renumbered), sources=sources)


def example_document(options_path: str, edition: str) -> Document:
    """A real school's Document, through the library's own pipeline."""
    from generator.compose.resolve import resolve
    from generator.pipeline import load_choices

    library, choices = load_choices(options_path)
    return resolve(library, choices, edition=edition)


def word_count(document: Document) -> int:
    return sum(len(text.split()) for _, text in printed_text(document))


# ---- variants -------------------------------------------------------------------------

LEADER_TOC = (
    ".toc-table .toc-page { display: none } .toc-table .toc-text { background: none }"
    " .toc-table .toc-label { background: none }"
    ' .toc-table .toc-text a::after { content: leader(".") target-counter(attr(href url), page) }'
)
DOTTED_BORDER_TOC = ".toc-table .toc-text { background: none; border-bottom: 0.9pt dotted #8d99a4 }"

# name: (CSS appended to the stylesheet, render_pdf keywords, fresh set-up each build)
VARIANTS: dict[str, tuple[str, dict, bool]] = {
    "no hyphenation (hyphens: manual)": ("html { hyphens: manual }", {}, False),
    "no page numbers in the TOC": (".toc-table .toc-page::before { content: none }", {}, False),
    "TOC lists clauses too (2 levels)": ("", {"toc_depth": 2}, False),
    'TOC dots as leader(".")': (LEADER_TOC, {}, False),
    "TOC dots as a dotted border": (DOTTED_BORDER_TOC, {}, False),
    "untagged (variant none)": ("", {"variant": "none"}, False),
    "pdf/a-3b (tagged)": ("", {"variant": "pdf/a-3b"}, False),
    "fresh FontConfiguration + CSS per build": ("", {}, True),
    "fontTools subsetting (no libharfbuzz-subset)": ("", {"_no_hb_subset": True}, False),
    "straightforward: fresh set-up, 2-level TOC, leader()": (LEADER_TOC, {"toc_depth": 2}, True),
}


def _stylesheet_with(extra: str) -> Callable[..., object]:
    """The shipping stylesheet with `extra` appended, parsed once like the shipping one."""
    import weasyprint

    css = weasyprint.CSS(
        string=themed_css(wp.STYLESHEET.read_text(encoding="utf-8"), "#1d4f73", "carlito") + extra,
        base_url=str(wp.STYLESHEET.parent),
        font_config=wp.font_config(),
        counter_style=wp.counter_style(),
    )
    return lambda *theme: css


def build_once(document: Document, extra_css: str, kwargs: dict, fresh: bool) -> float:
    """Time one build of a variant (the clock runs over the set-up a variant pays for)."""
    import weasyprint.pdf.fonts as pdf_fonts

    kwargs = dict(kwargs)
    no_hb_subset = kwargs.pop("_no_hb_subset", False)
    saved_subset, saved_sheet = pdf_fonts.harfbuzz_subset, wp.stylesheet
    start = time.perf_counter()
    try:
        if fresh:
            for cached in (wp.font_config, wp.counter_style, wp.stylesheet):
                cached.cache_clear()
        if extra_css:
            wp.stylesheet = _stylesheet_with(extra_css)
        if no_hb_subset:
            pdf_fonts.harfbuzz_subset = None
        wp.render_pdf(document, **kwargs)
        return time.perf_counter() - start
    finally:
        pdf_fonts.harfbuzz_subset, wp.stylesheet = saved_subset, saved_sheet


def time_builds(document: Document, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        wp.render_pdf(document)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--variant-runs", type=int, default=15)
    parser.add_argument("--example", metavar="OPTIONS_YAML", help="build this school's Document instead")
    parser.add_argument("--edition", default="adopted", choices=("adopted", "review"))
    args = parser.parse_args()

    import pypdf

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # the fallback subsetter's chatter
    document = example_document(args.example, args.edition) if args.example else realistic_document()
    start = time.perf_counter()
    first = wp.render_pdf(document)
    first_time = time.perf_counter() - start
    pages = len(pypdf.PdfReader(io.BytesIO(first)).pages)
    print(f"document: {args.example or 'the enlarged sample'} ({args.edition})")
    print(f"  {pages} pages, {word_count(document)} words, {len(first) // 1024} KiB PDF (pdf/ua-1)")
    print(f"libharfbuzz-subset in use: {wp.harfbuzz_subset_available()}")
    print(f"first build in this process (fonts and CSS loaded): {first_time:.3f} s")

    times = time_builds(document, args.runs)
    print(
        f"shipping build, {args.runs} runs: mean {statistics.mean(times):.3f} s, "
        f"median {statistics.median(times):.3f} s, min {min(times):.3f} s per PDF"
    )

    # Each round times every variant once and the shipping build once, so that the
    # load of the machine drifts alike for all of them.
    results: dict[str, list[float]] = {name: [] for name in VARIANTS}
    baseline: list[float] = []
    for _ in range(args.variant_runs):
        for name, (extra_css, kwargs, fresh) in VARIANTS.items():
            results[name].append(build_once(document, extra_css, kwargs, fresh))
            baseline += time_builds(document, 1)
    base, base_min = statistics.median(baseline), min(baseline)
    print(
        f"\nvariants, {args.variant_runs} rounds; median and fastest time, and their ratios to the "
        f"shipping build's ({base:.3f} s, {base_min:.3f} s) in the same rounds:"
    )
    for name, values in results.items():
        value, fastest = statistics.median(values), min(values)
        print(f"  {name:52s} {value:.3f} s  {fastest:.3f} s  ratio {value / base:.2f}  {fastest / base_min:.2f}")


if __name__ == "__main__":
    main()
