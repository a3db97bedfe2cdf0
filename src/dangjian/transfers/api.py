from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from dangjian.core.api import LedgerSerializer, ScopedViewSet
from dangjian.core.scoping import CHANGE
from dangjian.organizations.models import Member, Organization

from . import services
from .models import Transfer


class InScopeMemberField(serializers.SlugRelatedField):
    default_error_messages = {
        "does_not_exist": "党员编号“{value}”不存在或不在您的管理范围内。",
        "invalid": "党员编号无效。",
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="member_no", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Member.objects.none()
        return Member.objects.visible_to(request.user, CHANGE)


class TransferSerializer(LedgerSerializer):
    member = InScopeMemberField()
    from_org = serializers.SlugRelatedField(slug_field="code", read_only=True)
    to_org = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
    )
    code = serializers.CharField(required=False, allow_blank=True, max_length=50)

    class Meta:
        model = Transfer
        exclude = ["created_at", "updated_at"]

    def create(self, validated_data):
        to_org = validated_data.get("to_org")
        request = self.context["request"]
        if (
            validated_data["kind"] == "in"
            and to_org is not None
            and not (
                Organization.objects.visible_to(request.user, CHANGE).filter(pk=to_org.pk).exists()
            )
        ):
            raise serializers.ValidationError({"to_org": "转入组织不在您的管理范围内。"})
        try:
            return services.transfer_record(**validated_data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc

    def update(self, instance, validated_data):
        raise serializers.ValidationError("转接记录不能通过接口修改，请在页面上修改日期或备注。")


class TransferViewSet(ScopedViewSet):
    """Read, record (POST) and remove the member's latest transfer; recording moves the member."""

    queryset = Transfer.objects.all()
    serializer_class = TransferSerializer
    related = ("member", "from_org", "to_org")
    filterset_fields = ["kind", "member__member_no"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_destroy(self, instance):
        try:
            services.transfer_delete(transfer=instance)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"detail": exc.messages}) from exc
