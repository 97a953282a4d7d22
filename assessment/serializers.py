"""API shapes of the assessment app. The taker's payloads are built by ``assessment.presenters`` (one
place that can never include the answer key); these serializers validate input and describe the
output for the OpenAPI schema."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class AttemptStartSerializer(serializers.Serializer):
    assignment = serializers.IntegerField(required=False, help_text=_("One of your assignments (from “My tests”)."))
    test = serializers.IntegerField(required=False, help_text=_("A test you are assigned; the newest open "
                                                                "assignment of it is used."))

    def validate(self, attrs):
        if not attrs.get("assignment") and not attrs.get("test"):
            raise serializers.ValidationError({"test": [_("Give the test (or the assignment) to start.")]})
        return attrs


class AttemptAnswerSerializer(serializers.Serializer):
    choices = serializers.ListField(child=serializers.IntegerField(), max_length=20, allow_empty=True,
                                    help_text=_("Ids of the chosen options (empty: no answer)."))
    sequence = serializers.IntegerField(min_value=1, help_text=_(
        "Grows with every change of this answer on the client; the highest one is kept."))
    flagged = serializers.BooleanField(required=False, allow_null=True, default=None,
                                       help_text=_("Marked for review (omit to keep)."))


class AttemptSaveResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["saved", "duplicate", "stale"])
    sequence = serializers.IntegerField()
    choices = serializers.ListField(child=serializers.IntegerField())
    flagged = serializers.BooleanField()
    server_time = serializers.DateTimeField()


class AttemptEventInSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=16)
    at = serializers.DateTimeField(required=False, allow_null=True)


class AttemptEventsSerializer(serializers.Serializer):
    events = AttemptEventInSerializer(many=True, max_length=50)


class AttemptEventsResultSerializer(serializers.Serializer):
    recorded = serializers.IntegerField()


class AttemptOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    texts = serializers.DictField(child=serializers.CharField())


class AttemptAnswerStateSerializer(serializers.Serializer):
    choices = serializers.ListField(child=serializers.IntegerField())
    flagged = serializers.BooleanField()
    sequence = serializers.IntegerField()


class AssessmentSectionRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class AttemptQuestionSerializer(serializers.Serializer):
    question_id = serializers.IntegerField()
    position = serializers.IntegerField()
    section = AssessmentSectionRefSerializer()
    kind = serializers.ChoiceField(choices=["single", "multiple", "true_false"])
    text = serializers.CharField()
    texts = serializers.DictField(child=serializers.CharField())
    options = AttemptOptionSerializer(many=True)
    answer = AttemptAnswerStateSerializer()


class AssessmentTestRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class AttemptSerializer(serializers.Serializer):
    """An attempt as its taker sees it: never the correct options or their fractions."""

    id = serializers.IntegerField()
    test = AssessmentTestRefSerializer()
    state = serializers.ChoiceField(choices=["in_progress", "finished"])
    number = serializers.IntegerField()
    language = serializers.CharField()
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField(help_text=_("The server's deadline; saves are accepted until "
                                                     "deadline + grace_seconds."))
    server_time = serializers.DateTimeField(help_text=_("The server's clock when the response was made."))
    grace_seconds = serializers.IntegerField()
    time_limit_minutes = serializers.IntegerField()
    answered = serializers.IntegerField()
    questions = AttemptQuestionSerializer(many=True)
    result_url = serializers.CharField(allow_null=True)


class AttemptSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    test = AssessmentTestRefSerializer()
    state = serializers.ChoiceField(choices=["in_progress", "finished"])
    number = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    result_url = serializers.CharField(allow_null=True)


class AttemptSectionScoreSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2)


class AttemptReviewOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    chosen = serializers.BooleanField()
    correct = serializers.BooleanField()


class AttemptReviewItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    text = serializers.CharField()
    credit = serializers.DecimalField(max_digits=6, decimal_places=5)
    options = AttemptReviewOptionSerializer(many=True)


class CertificateRefSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=["issued", "revoked"])
    issued_on = serializers.DateField()
    pdf_url = serializers.CharField(help_text="The PDF (the holder's session or token).")
    verification_url = serializers.URLField(help_text="The public check printed as the QR code.")


class AttemptResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    finished_at = serializers.DateTimeField()
    finish_reason = serializers.CharField()
    score_released = serializers.BooleanField()
    answers_released = serializers.BooleanField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    pass_mark = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    sections = AttemptSectionScoreSerializer(many=True)
    review = AttemptReviewItemSerializer(many=True, allow_null=True)
    certificate = CertificateRefSerializer(allow_null=True, help_text="Set for a passed attempt once the score is "
                                                                      "released.")


class TestAssignmentSerializer(serializers.Serializer):
    __test__ = False

    id = serializers.IntegerField()
    test = AssessmentTestRefSerializer()
    source_label = serializers.CharField()
    available_until = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=["not_started", "in_progress", "finished", "expired"])
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    banked = serializers.BooleanField()
    attempt_id = serializers.IntegerField(allow_null=True)
