"""Which sources are official: a government, legislature or gazette, a national CERT, or an
intergovernmental body. ``stats`` reports the share of facts that rest on one.

The test is by web address: government second-level domains used around the world (``.gov``,
``.gov.uk``, ``.gouv.fr``, ``.go.jp``, ``.gob.mx``, ``.admin.ch``, ``.bund.de``...), the
intergovernmental ``.int`` and ``europa.eu`` domains, the named domains of organisations and
official publishers below, a few official accounts on shared hosts, and the sites of CERTs (a
host name with ``cert``, ``csirt`` or ``cirt`` in it). It is a rule of thumb: it can miss an
official site on an ordinary domain, which then counts as not official.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

#: Labels that mark a government domain when they stand just before the country code (or end
#: the host, as ``.gov`` and ``.mil`` do).
GOVERNMENT_LABELS = frozenset(
    {
        "gov",
        "gob",
        "gouv",
        "go",
        "govt",
        "gv",
        "mil",
        "gub",
        "admin",
        "bund",
        "gc",
        "government",
        "leg",
    }
)
#: Official sites on ordinary domains: intergovernmental bodies, parliaments, gazettes,
#: ministries, and official dataset publishers.
OFFICIAL_DOMAINS = frozenset(
    {
        "un.org",
        "undocs.org",
        "unoda.org",
        "un-arm.org",
        "unodc.org",
        "unctad.org",
        "unidir.org",
        "europa.eu",
        "coe.int",
        "oas.org",
        "osce.org",
        "oecd.org",
        "worldbank.org",
        "asean.org",
        "caricom.org",
        "caricomimpacs.org",
        "forumsec.org",
        "sectsco.org",
        "odkb-csto.org",
        "e-cis.info",
        "thecommonwealth.org",
        "oic-oci.org",
        "gcc-sg.org",
        "lasportal.org",
        "ecowas.int",
        "thegfce.org",
        "freedomonlinecoalition.com",
        "pariscall.international",
        "counterransomware.org",
        "first.org",
        "apcert.org",
        "trusted-introducer.org",
        "gesetze-im-internet.de",
        "bundesregierung.de",
        "legifrance.gouv.fr",
        "president.ee",
        "riigiteataja.ee",
        "valtioneuvosto.fi",
        "finlex.fi",
        "regeringen.se",
        "riksdagen.se",
        "regjeringen.no",
        "lovdata.no",
        "retsinformation.dk",
        "government.nl",
        "rijksoverheid.nl",
        "overheid.nl",
        # The Dutch treaty database (treatydatabase.overheid.nl) under its short domain: the
        # same pages, with the same treaty numbers.
        "verdragen.nl",
        "ncsc.nl",
        "ncsc.gov.uk",
        "legislation.gov.uk",
        "parliament.uk",
        "congress.gov",
        "whitehouse.gov",
        "kantei.go.jp",
        "mofa.go.jp",
        "fmprc.gov.cn",
        "npc.gov.cn",
        "kremlin.ru",
        "publication.pravo.gov.ru",
        "planalto.gov.br",
        "boe.es",
        "gazzettaufficiale.it",
        "normattiva.it",
        "dziennikustaw.gov.pl",
        "isap.sejm.gov.pl",
        "zakonyprolidi.cz",
        "slov-lex.sk",
        "njt.hu",
        "legislatie.just.ro",
        "e-seimas.lrs.lt",
        "likumi.lv",
        "pisrs.si",
        "pravno-informacioni-sistem.rs",
        "cyberpolicyportal.org",
        # Intergovernmental bodies on their own domains.
        "oea.org",
        "adb.org",
        "energy-community.org",
        "francophonie.org",
        "unvienna.org",
        "asean.or.jp",
        "thegfce.com",
        "the-gfce.instantmagazine.com",  # the GFCE's own annual-meeting reports
        "asean.or.id",  # the ASEAN Secretariat's earlier site
        # NATO CCDCOE: a military organisation accredited by NATO and founded by its
        # sponsoring states; it also hosts the Cyber Law Toolkit.
        "ccdcoe.org",
        "cybilportal.org",
        "scochina2025.org.cn",
        # Governments, ministries, missions and their agencies.
        "republiquetogolaise.com",  # Togo's official government portal
        "cnt.td",  # Chad's National Transitional Council (legislature)
        "cni.es",  # Spain's National Intelligence Centre and its National Cryptologic Centre
        "mcf.se",  # Sweden's Civil Defence and Resilience Agency (formerly MSB)
        "ico.org.uk",  # the UK's Information Commissioner (data protection, NIS regulator)
        "kisa.or.kr",  # Korea Internet & Security Agency (under the ICT ministry; KrCERT/CC)
        "idsirtii.or.id",  # Indonesia's national CSIRT (Id-SIRTII/CC, under BSSN)
        "nksc.lt",  # Lithuania's National Cyber Security Centre (defence ministry)
        "stcc-ssi.sn",  # Senegal's directorate for cipher and information-system security
        "aninf.ga",  # Gabon's state agency for digital infrastructure and frequencies
        "nask.pl",  # Poland's state research institute NASK, which runs CSIRT NASK
        "elysee.fr",  # the French Presidency
        "sluzbenilist.me",  # Montenegro's Official Gazette
        "egov.bg",  # Bulgaria's e-government agency and its state e-government infrastructure
        "e-tar.lt",  # Lithuania's Register of Legal Acts (the official publication of laws)
        "diariodarepublica.pt",  # Portugal's official gazette (Diário da República) ...
        "dre.pt",  # ... under its earlier domain
        "tribunalconstitucional.es",  # Spain's Constitutional Court
        "senat.bi",  # Burundi's Senate
        "peaceau.org",  # the African Union's Peace and Security Council
        "ilo.org",  # the International Labour Organization (a UN agency) and its NATLEX laws
        "cubaminrex.cu",  # Cuba's Ministry of Foreign Affairs and its missions
        "governo.it",  # the Italian Government
        "esteri.it",  # Italy's Ministry of Foreign Affairs
        "permanentrepresentations.nl",  # the Dutch foreign ministry's missions
        "legislation.mt",  # Malta's official legislation portal
        "parlament.mt",  # the Parliament of Malta
        "et.gr",  # Greece's National Printing House (the Government Gazette)
        "hellenicparliament.gr",  # the Hellenic Parliament
        "mindigital.gr",  # Greece's Ministry of Digital Governance
        "vlada.mk",  # the Government of North Macedonia
        "pmo.iq",  # the Iraqi Prime Minister's Office
        "pna.ps",  # the Palestinian Authority's ministries
        "dnsc.ro",  # Romania's National Cyber Security Directorate
        "govern.ad",  # the Government of Andorra
        "bopa.ad",  # Andorra's official gazette (BOPA)
        "legis.md",  # Moldova's State Register of Legal Acts
        "joradp.dz",  # Algeria's official journal
        "chinhphu.vn",  # Viet Nam's government portal
        "vbpl.vn",  # Viet Nam's national database of legal documents (Ministry of Justice)
        "quochoi.vn",  # Viet Nam's National Assembly
        "ncsa.or.th",  # Thailand's National Cyber Security Agency
        "etda.or.th",  # Thailand's Electronic Transactions Development Agency
        "nn.hr",  # Croatia's official gazette (Narodne novine)
        "public.lu",
        "belgium.be",
        "regierung.li",
        "llv.li",
        "landtag.li",
        "canada.ca",
        "auswaertiges-amt.de",
        "diplo.de",
        "gouvernement.fr",
        "justice.fr",
        "vie-publique.fr",
        "senat.fr",
        "merrionstreet.ie",
        "stjornarradid.is",
        "fjarskiptastofa.is",
        "personuvernd.is",
        "mfa.ee",
        "mkm.ee",
        "ria.ee",
        "riigikogu.ee",
        "digst.dk",
        "fm.dk",
        "cfcs.dk",
        "kyberturvallisuuskeskus.fi",
        "tukes.fi",
        "nsm.no",
        "nctv.nl",
        "tweedekamer.nl",
        "mosr.sk",
        "nbu.cz",
        "nbsz.hu",
        "ip-rs.si",
        "sodnapraksa.si",
        "dpa.gr",
        "dsa.cy",
        "cpdp.bg",
        "saeima.lv",
        "policiajudiciaria.pt",
        "vs.rs",
        "ratel.rs",
        "sluzbenilist.ba",
        "mfa.am",
        "arlis.am",
        "police.ge",
        "lex.justice.md",
        "sts.kz",
        "legalinfo.mn",
        "legimonaco.mc",
        "vatican.va",
        "un.estemb.org",
        "infocom.sc",
        "pdhj.tl",
        "nstda.or.th",
        "dfa.ie",
        "cpd.by",
        "naih.hu",
        "wallonie.be",
        "raadvanstate.be",
        "bdun.org",
        "sakerhetspolisen.se",
        "fra.se",
        "e-draft.am",
        "hapdp.ne",
        "apd.mr",
        "apdp.bj",
        "autoritedeprotection.ci",
        "turvallisuuskomitea.fi",
        "uradni-list.si",
        "openbaarministerie.nl",
        "taiwantoday.tw",
        "vaja.ir",
        "kazpravda.kz",
        "fmn.dk",  # Denmark's Ministry of Defence
        "pravo.by",  # Belarus's legal portal, run by the state National Centre of Legal Information
        "elaw.klri.re.kr",  # Korea Legislation Research Institute's statute database (state-funded)
        "parlament.tj",  # Tajikistan's parliament, the Majlisi Oli
        "govmu.org",  # the Government of Mauritius's domain (ministries, data protection)
        "uoou.cz",  # Czechia's data-protection authority (its former domain; now uoou.gov.cz)
        "hanoiconvention.org",  # Viet Nam's site for the UN cybercrime convention's signing
        "cdep.ro",  # Romania's Chamber of Deputies, with its legislation database
        "en.npc.gov.cn.cdurl.cn",
        "tietosuoja.fi",
        "officielebekendmakingen.nl",
        "incibe.es",
        "poverenik.rs",
        "rks-gov.net",
        "chd.lu",
        "idp.al",
        "azlp.ba",
        "azlp.me",
        "ncsc.hr",
        "au-pida.org",
        "dataprotection.org.gh",
        "cdp.sn",
        "apdp.ml",
        "cndp.ma",
        "lex.uz",
        "mmih.tj",
        "zan.kz",
        "zambialawdevelopment.org",
        "papsrepository.africanunion.org",
        "parliament.ls",
        "mid.ru",
        "inforegulator.org.za",
        "anpdp.st",
        "cran.na",
        "oireachtas.ie",
        "stat.no",
        "datatilsynet.dk",
        "gov.scot",
        "gov.wales",
        "vestnesis.lv",
        "khamenei.ir",
        "attorneygeneralchambers.com",
        "cybersecurity.my",
        "fsmembassy.fm",
        "vaticanstate.va",
        "holyseemission.org",
        "rusemb.org.uk",
        "rusembindia.com",
        "bahrain.bh",
        "oman.om",
        "icta.lk",
        "samoagovt.ws",
        "governo.cv",
        "cnpd.cv",
        "anaden.org",
        "anrtic.km",
        "ansice.td",
        "ansie.dj",
        "antic.cm",
        "apdpvp.ga",
        "cil.bf",
        "journalofficiel.dj",
        "journal-officiel.ga",
        "pura.gm",
        "bocra.org.bw",
        "macra.mw",
        "macra.org.mw",
        "edpa.org.sz",
        "kenyalaw.org",
        "congresonacional.hn",
        "bcn.cl",
        "impo.com.uy",
        "enisa.europa.eu",
        "althingi.is",  # parliaments
        "ft.dk",
        "nrsr.sk",
        "parliament.lk",
        "parlament.ba",
        "parlamento.cv",
        "skupstina.me",
        "incv.cv",  # Cabo Verde's national press, publisher of the gazette
        "regeringen.dk",
        "justitsministeriet.dk",
        "prc.cm",  # the Presidency of Cameroon
        "maldivesembassy.cn",
        "interpol.int",
        "itu.int",
    }
)


#: Official accounts on shared hosts: the French Ambassador for Digital Affairs (who runs the
#: Paris Call's site from this repository) and ENISA.
OFFICIAL_ACCOUNTS = ("github.com/ambanum/", "github.com/enisaeu/")


def host_of(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".").removeprefix("www.")


@functools.lru_cache(maxsize=4096)  # the same sources recur across a profile's facts
def is_official(url: str) -> bool:
    """Whether ``url`` is the site of a government, a CERT or an intergovernmental body."""
    host = host_of(url)
    if not host:
        return False
    labels = host.split(".")
    if labels[-1] in ("gov", "mil", "int"):
        return True
    if len(labels) >= 2 and len(labels[-1]) == 2 and labels[-2] in GOVERNMENT_LABELS:
        return True
    if any(".".join(labels[i:]) in OFFICIAL_DOMAINS for i in range(len(labels) - 1)):
        return True  # the host is a listed domain or one of its subdomains
    account = host + urlsplit(url).path
    if account.startswith(OFFICIAL_ACCOUNTS):
        return True
    return any(word in label for label in labels[:-1] for word in ("cert", "csirt", "cirt"))


#: The lists of facts in a record, each fact carrying its own source.
FACT_LISTS = (
    "memberships",
    "members",
    "treaties",
    "documents",
    "absences",
    "cooperation",
    "initiatives",
    "critical_infrastructure",
    "positions",
    "indices",
    "other_csirts",
    "other_agencies",
)


def fact_sources(record: Mapping[str, Any]) -> list[str | None]:
    """The source of each fact of a record (None for a stated fact without one)."""
    found: list[str | None] = [f["source"] for key in FACT_LISTS for f in record[key]]
    for key in ("cert", "agency"):
        body = record[key]
        if body["status"] not in ("unknown", "not-applicable"):
            found.append(body["source"])
    return found


def fact_tally(record: Mapping[str, Any]) -> list[int]:
    """[facts, facts with a source, facts with an official source] of a record."""
    sources = fact_sources(record)
    with_source = [s for s in sources if s]
    return [len(sources), len(with_source), sum(1 for s in with_source if is_official(s))]
