"""The vacancies API. Public: the portal's list and detail (anonymous; published vacancies only, no
personal data). Candidates: apply, their own applications, withdraw. HR officers: applications of
their subtrees and every stage action. Commission members: declarations and scores. Outside the
caller's scope everything is a 404; errors are ``{"code", "message", "field"}``."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.access import user_roles
from core.exceptions import NotFoundError
from core.pagination import CappedPageNumberPagination
from workforce.access import HR_ROLES

from .errors import VacancyErrorCode
from .filters import ApplicationFilter, VacancyFilter
from .models import Application
from .selectors import candidate_applications, commission_vacancies, hr_applications, public_vacancies, public_vacancy
from .serializers import (
    ApplicationSerializer,
    AppointSerializer,
    BulkSerializer,
    DeclarationSerializer,
    OverrideSerializer,
    PublicVacancyDetailSerializer,
    PublicVacancySerializer,
    ReasonSerializer,
    ScoresSerializer,
)
from .services import (
    application_admit,
    application_decline,
    application_invite_to_interview,
    application_invite_to_test,
    application_override,
    application_reject,
    application_submit,
    application_withdraw,
    applications_bulk,
    candidate_for_user,
    conflict_declare,
    interview_scores_submit,
    vacancy_appoint_winner,
)


class PublicVacancyViewSet(viewsets.ReadOnlyModelViewSet):
    """Published vacancies with the portal's filters (``q`` ignores script and apostrophe variants).
    A detail is public while the vacancy is published, closed, in competition or completed."""

    permission_classes = [permissions.AllowAny]
    filterset_class = VacancyFilter
    pagination_class = CappedPageNumberPagination

    def get_queryset(self):
        return public_vacancies()

    def get_serializer_class(self):
        return PublicVacancyDetailSerializer if self.action == "retrieve" else PublicVacancySerializer

    def get_object(self):
        vacancy = public_vacancy(int(self.kwargs["pk"])) if str(self.kwargs["pk"]).isdigit() else None
        if vacancy is None:
            raise Http404
        return vacancy

    @extend_schema(request=None, responses={201: ApplicationSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def apply(self, request: Request, pk: str | None = None) -> Response:
        """Apply as the logged-in candidate (a civil servant applies with their own account)."""
        vacancy = self.get_object()
        candidate = candidate_for_user(request.user)
        if candidate is None:
            raise NotFoundError("No candidate profile for this account.", code=VacancyErrorCode.CANDIDATE_REQUIRED)
        application = application_submit(vacancy=vacancy, candidate=candidate, actor=request.user)
        return Response(ApplicationSerializer(application, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """An HR officer sees the applications to vacancies of their subtrees; anyone else their own."""

    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    pagination_class = CappedPageNumberPagination
    permission_classes = [permissions.IsAuthenticated]

    def _is_hr(self) -> bool:
        return bool(user_roles(self.request.user) & set(HR_ROLES))

    def get_queryset(self) -> QuerySet[Application]:
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        if self.action in ("declare", "scores"):
            return Application.objects.filter(vacancy__in=commission_vacancies(user=user).values("pk")).select_related(
                "vacancy", "candidate")
        if self._is_hr() and self.action != "withdraw":
            return hr_applications(user=user)
        candidate = candidate_for_user(user)
        return candidate_applications(candidate=candidate) if candidate else Application.objects.none()

    def _done(self, application: Application, code: int = status.HTTP_200_OK) -> Response:
        application.refresh_from_db()
        return Response(self.get_serializer(application).data, status=code)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def admit(self, request: Request, pk=None) -> Response:
        application = self.get_object()
        return self._done(application_admit(application=application, actor=request.user))

    @extend_schema(request=ReasonSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk=None) -> Response:
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = self.get_object()
        return self._done(application_reject(application=application, reason=body.validated_data["reason"],
                                             actor=request.user))

    @extend_schema(request=OverrideSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def override(self, request: Request, pk=None) -> Response:
        """Admit despite the automatic check, or refuse despite it, with a written reason (audited)."""
        body = OverrideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = self.get_object()
        return self._done(application_override(application=application, admit=body.validated_data["admit"],
                                               reason=body.validated_data["reason"], actor=request.user))

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="invite-to-test")
    def invite_to_test(self, request: Request, pk=None) -> Response:
        return self._done(application_invite_to_test(application=self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="invite-to-interview")
    def invite_to_interview(self, request: Request, pk=None) -> Response:
        return self._done(application_invite_to_interview(application=self.get_object(), actor=request.user))

    @extend_schema(request=BulkSerializer, responses={200: {"type": "object", "properties": {
        "done": {"type": "array", "items": {"type": "integer"}},
        "failed": {"type": "array", "items": {"type": "object"}}}}})
    @action(detail=False, methods=["post"])
    def bulk(self, request: Request) -> Response:
        """One stage action (admit, invite_to_test, invite_to_interview) on many applications; each is
        checked on its own and the refusals come back with their codes."""
        if not self._is_hr():
            raise Http404
        body = BulkSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        applications = hr_applications(user=request.user).filter(pk__in=body.validated_data["applications"])
        result = applications_bulk(action=body.validated_data["action"], applications=applications,
                                   actor=request.user)
        return Response({"done": [a.pk for a in result.done],
                         "failed": [{"application": a.pk, "code": code, "message": message}
                                    for a, code, message in result.failed]})

    @extend_schema(request=ReasonSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk=None) -> Response:
        """The winner declines; the next in the ranking becomes the winner."""
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = self.get_object()
        application_decline(application=application, reason=body.validated_data["reason"], actor=request.user)
        return self._done(application)

    @extend_schema(request=AppointSerializer, responses={200: {"type": "object", "properties": {
        "order": {"type": "string"}, "application": {"type": "integer"}}}})
    @action(detail=True, methods=["post"])
    def appoint(self, request: Request, pk=None) -> Response:
        """Appoint the winner (only the winner; anything else is refused and logged)."""
        body = AppointSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = self.get_object()
        order = vacancy_appoint_winner(vacancy=application.vacancy, application=application,
                                       start_date=body.validated_data["start_date"], actor=request.user)
        return Response({"order": order.number, "application": application.pk})

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk=None) -> Response:
        return self._done(application_withdraw(application=self.get_object(), actor=request.user))

    @extend_schema(request=DeclarationSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def declare(self, request: Request, pk=None) -> Response:
        """A commission member declares whether they have a conflict of interest with this candidate."""
        body = DeclarationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        conflict_declare(application=self.get_object(), actor=request.user, **body.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ScoresSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def scores(self, request: Request, pk=None) -> Response:
        """A commission member's points for every criterion (after declaring no conflict)."""
        body = ScoresSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        points = {int(k): v for k, v in body.validated_data["points"].items() if str(k).isdigit()}
        interview_scores_submit(application=self.get_object(), points=points, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
