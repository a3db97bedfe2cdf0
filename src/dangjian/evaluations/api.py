from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangjian.core.api import (
    InScopeMemberField,
    InScopeOrganizationField,
    LedgerSerializer,
    ScopedViewSet,
)
from dangjian.core.scoping import CHANGE

from .forms import REASON_REQUIRED, next_code
from .models import (
    BranchAssessment,
    EthicsRecord,
    MemberEvaluation,
    PointAdjustment,
    PointTotal,
    SecretaryReview,
    ServiceParticipation,
)


def _unique_message(model):
    """The constraint's Chinese message instead of DRF's generic “must make a unique set”."""
    return str(model._meta.constraints[0].violation_error_message)


class _UniqueTogetherSerializer(LedgerSerializer):
    def get_validators(self):
        return []  # checked in validate() with the model's Chinese message

    def validate(self, attrs):
        attrs = super().validate(attrs)
        constraint = self.Meta.model._meta.constraints[0]
        lookup = {}
        for name in constraint.fields:
            value = attrs.get(name, getattr(self.instance, name, None) if self.instance else None)
            lookup[name] = value
        duplicates = self.Meta.model.objects.filter(**lookup)
        if self.instance is not None:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise serializers.ValidationError(_unique_message(self.Meta.model))
        return attrs


class MemberEvaluationSerializer(_UniqueTogetherSerializer):
    member = InScopeMemberField()

    class Meta:
        model = MemberEvaluation
        exclude = ["created_at", "updated_at"]


class SecretaryReviewSerializer(_UniqueTogetherSerializer):
    member = InScopeMemberField()
    organization = InScopeOrganizationField()

    class Meta:
        model = SecretaryReview
        exclude = ["created_at", "updated_at"]


class BranchAssessmentSerializer(_UniqueTogetherSerializer):
    organization = InScopeOrganizationField()

    class Meta:
        model = BranchAssessment
        exclude = ["created_at", "updated_at"]


class EthicsRecordSerializer(_UniqueTogetherSerializer):
    organization = InScopeOrganizationField()
    member = InScopeMemberField(required=False, allow_null=True)

    class Meta:
        model = EthicsRecord
        exclude = ["created_at", "updated_at"]


class PointAdjustmentSerializer(LedgerSerializer):
    member = InScopeMemberField()
    code = serializers.CharField(required=False, allow_blank=True, max_length=50)
    reason = serializers.CharField(
        max_length=300,
        allow_blank=True,
        required=False,
        trim_whitespace=True,
    )

    class Meta:
        model = PointAdjustment
        exclude = ["created_at", "updated_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        reason = attrs.get("reason", self.instance.reason if self.instance else "")
        if not (reason or "").strip():
            raise serializers.ValidationError({"reason": [REASON_REQUIRED]})
        if attrs.get("points") == 0:
            raise serializers.ValidationError(
                {"points": [_("分值：调整分值不能为 0（扣分填写负数）。")]}
            )
        if not self.instance and not attrs.get("code"):
            attrs["code"] = next_code(attrs["year"])
        return attrs


class InScopeServiceActivityField(serializers.SlugRelatedField):
    """A 服务活动 referred to by its 活动编号, which the caller must be allowed to change."""

    default_error_messages = {
        "does_not_exist": _("活动编号“{value}”不存在或不在您的管理范围内。"),
        "invalid": _("活动编号无效。"),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self):
        from dangjian.outreach.models import ServiceActivity

        request = self.context.get("request")
        if request is None:
            return ServiceActivity.objects.none()
        return ServiceActivity.objects.visible_to(request.user, CHANGE)


class ServiceParticipationSerializer(_UniqueTogetherSerializer):
    activity = InScopeServiceActivityField()
    member = InScopeMemberField()

    class Meta:
        model = ServiceParticipation
        exclude = ["created_at", "updated_at"]


class PointTotalSerializer(LedgerSerializer):
    member = serializers.SlugRelatedField(slug_field="member_no", read_only=True)

    class Meta:
        model = PointTotal
        exclude = ["created_at", "updated_at"]


class MemberEvaluationViewSet(ScopedViewSet):
    queryset = MemberEvaluation.objects.all()
    serializer_class = MemberEvaluationSerializer
    related = ("member",)
    filterset_fields = ["year", "grade", "member__member_no"]


class SecretaryReviewViewSet(ScopedViewSet):
    queryset = SecretaryReview.objects.all()
    serializer_class = SecretaryReviewSerializer
    related = ("member", "organization")
    filterset_fields = ["year", "grade", "organization__code"]


class BranchAssessmentViewSet(ScopedViewSet):
    queryset = BranchAssessment.objects.all()
    serializer_class = BranchAssessmentSerializer
    related = ("organization",)
    filterset_fields = ["year", "grade", "organization__code"]


class EthicsRecordViewSet(ScopedViewSet):
    queryset = EthicsRecord.objects.all()
    serializer_class = EthicsRecordSerializer
    related = ("organization", "member")
    filterset_fields = ["year", "grade", "staff_no", "organization__code"]


class PointAdjustmentViewSet(ScopedViewSet):
    queryset = PointAdjustment.objects.all()
    serializer_class = PointAdjustmentSerializer
    related = ("member",)
    filterset_fields = ["year", "member__member_no"]


class ServiceParticipationViewSet(ScopedViewSet):
    """Who took part in a 服务活动 (counted by 党员积分)."""

    queryset = ServiceParticipation.objects.all()
    serializer_class = ServiceParticipationSerializer
    related = ("activity", "member")
    filterset_fields = ["activity__code", "member__member_no"]


class PointTotalViewSet(ScopedViewSet):
    """Stored totals, read only: they change through adjustments and ``points recompute``."""

    queryset = PointTotal.objects.all()
    serializer_class = PointTotalSerializer
    related = ("member",)
    filterset_fields = ["year", "member__member_no"]
    http_method_names = ["get", "head", "options"]
