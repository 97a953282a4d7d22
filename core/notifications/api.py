"""API of the inbox: a user's own notifications only (anyone else's is a 404)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Notification
from .rendering import absolute_link, render_part
from .selectors import notification_of, notification_preferences, notifications_of, unread_count
from .services import notification_mark_read, notification_preferences_set, notifications_mark_all_read


class NotificationSerializer(serializers.ModelSerializer):
    text = serializers.SerializerMethodField(help_text=_("The inbox text, in the caller's language."))
    link_url = serializers.SerializerMethodField()
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "event", "text", "context", "link", "link_url", "created_at", "read_at", "is_read"]

    def get_text(self, notification: Notification) -> str:
        return render_part(notification, "inapp")

    def get_link_url(self, notification: Notification) -> str:
        return absolute_link(notification.link)


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """``GET`` your notifications (``?order=unread`` first, the default, or ``newest``; ``?unread=1``
    only unread ones); ``POST {id}/read/``; ``POST read-all/``."""

    serializer_class = NotificationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Notification.objects.none()
        queryset = notifications_of(user=self.request.user, order=self.request.query_params.get("order", "unread"))
        if self.request.query_params.get("unread") in ("1", "true"):
            queryset = queryset.filter(read_at__isnull=True)
        return queryset

    def get_object(self):
        notification = notification_of(user=self.request.user, pk=self.kwargs["pk"])
        if notification is None:
            raise Http404
        return notification

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        response.data["unread"] = unread_count(user=request.user)
        return response

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = notification_mark_read(notification=self.get_object(), user=request.user)
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=inline_serializer("ReadAll", {"marked": serializers.IntegerField()}))
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": notifications_mark_all_read(user=request.user)})


class PreferenceSerializer(serializers.Serializer):
    event = serializers.CharField()
    label = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    email = serializers.BooleanField()


class NotificationPreferencesView(APIView):
    """``GET`` every kind of notification with your e-mail choice; ``PUT`` a list of
    ``{"event", "email"}`` to change some (in-app notifications are always written)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=PreferenceSerializer(many=True))
    def get(self, request):
        return Response(PreferenceSerializer(notification_preferences(user=request.user), many=True).data)

    @extend_schema(request=PreferenceSerializer(many=True), responses=PreferenceSerializer(many=True))
    def put(self, request):
        serializer = PreferenceSerializer(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        choices = {item["event"]: item["email"] for item in serializer.validated_data}
        notification_preferences_set(user=request.user, email_by_event=choices)
        return Response(PreferenceSerializer(notification_preferences(user=request.user), many=True).data,
                        status=status.HTTP_200_OK)
