from .attempts import (
    Attempt,
    AttemptEvent,
    AttemptSectionScore,
    AttemptSlot,
    AttemptState,
    EventKind,
    FinishReason,
    SelectedChoice,
)
from .bank import Choice, Difficulty, Question, QuestionKind, Scoring, Section
from .campaigns import Campaign, CampaignStatus, TestAssignment
from .certificates import Certificate, CertificateStatus
from .policy import POLICY_DEFAULTS, AssessmentPolicy, AssessmentPolicyKey
from .tests import ShowWhen, Test, TestSection, TestStatus

__all__ = [
    "POLICY_DEFAULTS",
    "AssessmentPolicy",
    "AssessmentPolicyKey",
    "Attempt",
    "AttemptEvent",
    "AttemptSectionScore",
    "AttemptSlot",
    "AttemptState",
    "Campaign",
    "CampaignStatus",
    "Certificate",
    "CertificateStatus",
    "Choice",
    "Difficulty",
    "EventKind",
    "FinishReason",
    "Question",
    "QuestionKind",
    "Scoring",
    "Section",
    "SelectedChoice",
    "ShowWhen",
    "Test",
    "TestAssignment",
    "TestSection",
    "TestStatus",
]
