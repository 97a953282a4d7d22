from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import TranslatedNameMixin
from core.models import TimeStampedModel


class Region(TranslatedNameMixin):
    """One of the 14 first-level administrative units, keyed by its SOATO code."""

    soato = models.CharField(_("SOATO code"), max_length=10, primary_key=True)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["ordering", "soato"]


class OrganizationLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    REPUBLICAN = "republican", _("Republican")
    TERRITORIAL = "territorial", _("Territorial")
    DISTRICT = "district", _("District")


class Organization(TranslatedNameMixin, TimeStampedModel):
    """A state body or one of its units. The tree is kept as a materialised path of primary keys
    ("/12/340/5081/"), so a subtree is one indexed prefix match however deep or wide it is.

    ``path`` and ``depth`` are maintained by ``workforce.services.organization_create`` and
    ``organization_move``; never set them by hand.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=OrganizationLevel.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=512, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.CharField(max_length=1024, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        indexes = [
            # varchar_pattern_ops lets PostgreSQL use the index for `path LIKE '/12/%'` under any
            # collation; other databases ignore the opclass and get a plain index.
            models.Index(fields=["path"], name="wf_org_path_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "code"], name="wf_org_parent_code_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_descendant_of(self, other: "Organization") -> bool:
        return bool(other.path) and self.path.startswith(other.path)
