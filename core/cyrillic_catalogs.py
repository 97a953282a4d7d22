"""The Uzbek Cyrillic (``uz_Cyrl``) message catalogs, generated from the Uzbek Latin (``uz``) ones.

Nobody translates into Uzbek Cyrillic by hand: every app's ``locale/uz_Cyrl`` catalog is the
transliteration (:func:`core.translit.to_cyrillic`) of its ``locale/uz`` catalog, and the
project-level catalog under ``LOCALE_PATHS`` carries the Uzbek strings of Django and the other
installed packages (the admin, form errors, month names) that our apps do not translate
themselves. ``manage.py build_uz_cyrl_catalogs`` writes them (``.po`` and ``.mo``);
``--check`` and the test suite fail when a committed catalog is not what the generator gives,
so a new Latin string without its Cyrillic twin cannot land.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

from .translit import to_cyrillic

LATIN = "uz"
CYRILLIC = "uz_Cyrl"
DOMAINS = ("django", "djangojs")
WRAP_WIDTH = 79
COMMAND = "python manage.py build_uz_cyrl_catalogs"

Key = tuple[str | None, str]  # (msgctxt, msgid)


@dataclass(frozen=True)
class CatalogJob:
    """One ``uz_Cyrl`` catalog to generate from its Uzbek Latin ``sources`` (lowest precedence
    first: a later source's message replaces an earlier one's, as in Django's own merge)."""

    target: Path
    sources: tuple[Path, ...]
    label: str
    # Messages left out because an app of ours translates them (its catalog takes precedence
    # in Latin, so it must in Cyrillic too).
    excluded: frozenset[Key] = frozenset()
    # Versions of the installed packages the sources come from ("Django 5.2.19"); empty for ours.
    versions: tuple[str, ...] = ()
    # Several packages' catalogs merged into one: only translated messages, in a stable order.
    merged: bool = False

    @property
    def mo_path(self) -> Path:
        return self.target.with_suffix(".mo")


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)  # stale or missing: fails the check
    notes: list[str] = field(default_factory=list)  # installed packages changed: worth a re-run

    @property
    def ok(self) -> bool:
        return not self.problems


def _is_ours(path: Path) -> bool:
    base = Path(settings.BASE_DIR).resolve()
    path = path.resolve()
    return path.is_relative_to(base) and "site-packages" not in path.parts and ".venv" not in path.parts


def _latin_catalog(locale_dir: Path, domain: str) -> Path | None:
    folder = locale_dir / LATIN / "LC_MESSAGES"
    for suffix in (".po", ".mo"):  # some packages ship compiled catalogs only
        candidate = folder / f"{domain}{suffix}"
        if candidate.exists():
            return candidate
    return None


def _distribution_version(module_name: str) -> str | None:
    top = module_name.split(".")[0]
    names = importlib.metadata.packages_distributions().get(top, [])
    for name in names:
        try:
            return f"{name} {importlib.metadata.version(name)}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def _load(path: Path) -> polib.POFile | polib.MOFile:
    return polib.mofile(str(path)) if path.suffix == ".mo" else polib.pofile(str(path))


def _translated_keys(path: Path) -> set[Key]:
    return {(entry.msgctxt, entry.msgid) for entry in _load(path) if _is_translated(entry)}


def _is_translated(entry: polib.POEntry | polib.MOEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def app_jobs(locale_dirs: Iterable[Path]) -> list[CatalogJob]:
    """One job per Uzbek Latin catalog found in ``locale_dirs`` (each an app's ``locale``)."""
    jobs = []
    for locale_dir in locale_dirs:
        for domain in DOMAINS:
            source = locale_dir / LATIN / "LC_MESSAGES" / f"{domain}.po"
            if source.exists():
                target = locale_dir / CYRILLIC / "LC_MESSAGES" / f"{domain}.po"
                jobs.append(CatalogJob(target=target, sources=(source,), label=locale_dir.parent.name))
    return jobs


def project_app_locale_dirs() -> list[Path]:
    return [Path(app.path) / "locale" for app in apps.get_app_configs()
            if _is_ours(Path(app.path)) and (Path(app.path) / "locale").is_dir()]


def third_party_job(domain: str, *, our_locale_dirs: list[Path]) -> CatalogJob | None:
    """The project-level catalog: Uzbek strings of Django and the installed packages, in
    Django's order of precedence (Django itself lowest, the first installed app highest, then
    ``LOCALE_PATHS``), without the messages our apps translate."""
    import django

    sources: list[Path] = []
    versions: set[str] = set()
    django_catalog = _latin_catalog(Path(django.__file__).parent / "conf" / "locale", domain)
    if django_catalog:
        sources.append(django_catalog)
        versions.add(f"Django {django.get_version()}")
    for app in reversed(list(apps.get_app_configs())):
        if _is_ours(Path(app.path)):
            continue
        catalog = _latin_catalog(Path(app.path) / "locale", domain)
        if catalog:
            sources.append(catalog)
            version = _distribution_version(app.name)
            if version:
                versions.add(version)
    target_root = Path(settings.LOCALE_PATHS[0])
    for locale_path in reversed([Path(p) for p in settings.LOCALE_PATHS]):
        catalog = _latin_catalog(locale_path, domain)
        if catalog and catalog.suffix == ".po":
            sources.append(catalog)
    if not sources:
        return None
    excluded: set[Key] = set()
    for locale_dir in our_locale_dirs:
        catalog = locale_dir / LATIN / "LC_MESSAGES" / f"{domain}.po"
        if catalog.exists():
            excluded |= _translated_keys(catalog)
    return CatalogJob(target=target_root / CYRILLIC / "LC_MESSAGES" / f"{domain}.po", sources=tuple(sources),
                      label="Django and installed packages", excluded=frozenset(excluded),
                      versions=tuple(sorted(versions)), merged=True)


def catalog_jobs() -> list[CatalogJob]:
    """Every ``uz_Cyrl`` catalog the project should have, for the installed apps."""
    our_dirs = project_app_locale_dirs()
    jobs = app_jobs(our_dirs)
    for domain in DOMAINS:
        job = third_party_job(domain, our_locale_dirs=our_dirs)
        if job:
            jobs.append(job)
    return jobs


def _cyrillic_entry(entry: polib.POEntry | polib.MOEntry) -> polib.POEntry:
    translated = _is_translated(entry)
    flags = [flag for flag in getattr(entry, "flags", []) if flag != "fuzzy"]
    new = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt, flags=flags,
                        comment=getattr(entry, "comment", "") or "")
    if entry.msgid_plural:
        new.msgid_plural = entry.msgid_plural
        new.msgstr_plural = {index: to_cyrillic(text) if translated else ""
                             for index, text in sorted(entry.msgstr_plural.items())}
    else:
        new.msgstr = to_cyrillic(entry.msgstr) if translated else ""
    return new


def build_catalog(job: CatalogJob) -> polib.POFile:
    """The ``uz_Cyrl`` catalog of ``job``, in memory."""
    chosen: dict[Key, polib.POEntry | polib.MOEntry] = {}
    plural_forms = ""
    for source in job.sources:
        catalog = _load(source)
        plural_forms = plural_forms or catalog.metadata.get("Plural-Forms", "")
        for entry in catalog:
            if entry.obsolete or not entry.msgid:
                continue
            key = (entry.msgctxt, entry.msgid)
            if key in job.excluded:
                continue
            if job.merged and not _is_translated(entry):
                continue  # an untranslated message of one package must not hide another's
            chosen[key] = entry
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    sources = "".join(f"\n  {_describe(source)}" for source in job.sources)
    po.header = (
        f"Uzbek (Cyrillic) messages of {job.label}, generated by `{COMMAND}`\n"
        f"from the Uzbek (Latin) catalog:{sources}\n"
        "Do not edit: change the Uzbek (Latin) catalog, or core/translit_exceptions.txt for a word\n"
        "the rules get wrong, and run the command again."
    )
    po.metadata = {
        "Project-Id-Version": job.label,
        "Language": CYRILLIC,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms or "nplurals=1; plural=0;",
    }
    if job.versions:
        po.metadata["X-Generated-From"] = ", ".join(job.versions)
    entries = list(chosen.values())
    if job.merged:
        entries = sorted(entries, key=lambda e: (e.msgctxt or "", e.msgid))
    for entry in entries:
        po.append(_cyrillic_entry(entry))
    return po


def _describe(path: Path) -> str:
    base = Path(settings.BASE_DIR).resolve()
    resolved = path.resolve()
    if _is_ours(resolved):
        return str(resolved.relative_to(base))
    parts = resolved.parts
    start = parts.index("site-packages") + 1 if "site-packages" in parts else max(len(parts) - 5, 0)
    return "/".join(parts[start:])


def render(po: polib.POFile) -> str:
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def write_catalogs(jobs: Iterable[CatalogJob]) -> list[tuple[Path, int]]:
    """Write every job's ``.po`` and ``.mo``; returns (path, number of messages) per catalog."""
    written = []
    for job in jobs:
        po = build_catalog(job)
        job.target.parent.mkdir(parents=True, exist_ok=True)
        job.target.write_text(render(po), encoding="utf-8")
        po.save_as_mofile(str(job.mo_path))
        written.append((job.target, len(po)))
    return written


def _messages(catalog: polib.POFile | polib.MOFile) -> dict[Key, str | tuple[str, ...]]:
    out: dict[Key, str | tuple[str, ...]] = {}
    for entry in catalog:
        if not entry.msgid or not _is_translated(entry):
            continue
        key = (entry.msgctxt, entry.msgid)
        if entry.msgid_plural:
            out[key] = tuple(text for _, text in sorted(entry.msgstr_plural.items()))
        else:
            out[key] = entry.msgstr
    return out


def check_catalogs(jobs: Iterable[CatalogJob], *, orphans_in: Iterable[Path] = ()) -> CheckResult:
    """Compare the committed catalogs with what the generator gives, without writing anything.

    ``orphans_in``: locale folders whose ``uz_Cyrl`` catalogs must each have a Latin source."""
    result = CheckResult()
    jobs = list(jobs)
    for job in jobs:
        expected = build_catalog(job)
        where = _describe(job.target)
        if not job.target.exists():
            result.problems.append(f"{where} is missing.")
            continue
        committed_text = job.target.read_text(encoding="utf-8")
        if committed_text != render(expected):
            committed = polib.pofile(committed_text)
            drifted = job.versions and committed.metadata.get("X-Generated-From") != ", ".join(job.versions)
            if drifted:
                result.notes.append(
                    f"{where} was generated from {committed.metadata.get('X-Generated-From', 'other versions')}; "
                    f"installed now: {', '.join(job.versions)}. Run `{COMMAND}` to pick up their strings.")
                continue
            result.problems.append(f"{where} is out of date{_difference(committed, expected)}.")
            continue
        if not job.mo_path.exists():
            result.problems.append(f"{_describe(job.mo_path)} is missing (the catalog is not compiled).")
        elif _messages(polib.mofile(str(job.mo_path))) != _messages(expected):
            result.problems.append(f"{_describe(job.mo_path)} does not match its .po (compile it again).")
    targets = {job.target.resolve() for job in jobs}
    for locale_dir in orphans_in:
        for catalog in sorted((locale_dir / CYRILLIC / "LC_MESSAGES").glob("*.po")):
            if catalog.resolve() not in targets:
                result.problems.append(f"{_describe(catalog)} has no Uzbek (Latin) catalog to be generated from.")
    return result


def _difference(committed: polib.POFile, expected: polib.POFile) -> str:
    have, want = _messages(committed), _messages(expected)
    missing = [key for key in want if key not in have]
    changed = [key for key in want if key in have and have[key] != want[key]]
    extra = [key for key in have if key not in want]
    details = []
    for label, keys in (("without Cyrillic", missing), ("changed in Latin", changed), ("no longer in Latin", extra)):
        if keys:
            sample = "; ".join(repr(msgid[:60]) for _, msgid in keys[:3])
            details.append(f"{len(keys)} message(s) {label}: {sample}{' …' if len(keys) > 3 else ''}")
    return f" ({'; '.join(details)})" if details else ""


def check_project() -> CheckResult:
    """The check CI runs: every catalog of the installed apps, and no orphans."""
    return check_catalogs(catalog_jobs(), orphans_in=project_app_locale_dirs())
