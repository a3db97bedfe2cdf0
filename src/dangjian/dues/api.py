from rest_framework import serializers

from dangjian.core.api import InScopeMemberField, LedgerSerializer, ScopedViewSet

from . import services
from .models import DuesBase, DuesPayment


class DuesBaseSerializer(LedgerSerializer):
    member = InScopeMemberField()
    monthly_dues = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)

    class Meta:
        model = DuesBase
        exclude = ["created_at", "updated_at"]

    def validate(self, attrs):
        category = attrs.get("category", getattr(self.instance, "category", None))
        income = attrs.get("monthly_income", getattr(self.instance, "monthly_income", None))
        from .models import INCOME_BASED

        if category in INCOME_BASED and income is None:
            raise serializers.ValidationError(
                {
                    "monthly_income": f"{category}党员按月收入比例交纳党费，须填写月收入（{services.DOCUMENT}）"
                }
            )
        return attrs


class DuesPaymentSerializer(LedgerSerializer):
    member = InScopeMemberField()
    amount_due = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)
    amount_paid = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, min_value=0
    )
    paid_on = serializers.DateField()

    class Meta:
        model = DuesPayment
        fields = ["id", "member", "month", "amount_due", "amount_paid", "paid_on"]

    def create(self, validated_data):
        try:
            return services.record_payment(
                member=validated_data["member"],
                month=validated_data["month"],
                paid_on=validated_data["paid_on"],
                amount_paid=validated_data.get("amount_paid"),
            )
        except services.PaymentRefused as refused:
            raise serializers.ValidationError({"non_field_errors": [str(refused)]}) from None

    def update(self, instance, validated_data):
        return self.create({"member": instance.member, "month": instance.month, **validated_data})


class DuesBaseViewSet(ScopedViewSet):
    queryset = DuesBase.objects.all()
    serializer_class = DuesBaseSerializer
    related = ("member",)
    filterset_fields = ["year", "category", "member__member_no"]


class DuesPaymentViewSet(ScopedViewSet):
    """党费交纳: a POST records one member's month (amount due from the 党费基数)."""

    queryset = DuesPayment.objects.all()
    serializer_class = DuesPaymentSerializer
    related = ("member",)
    filterset_fields = ["month", "member__member_no"]
    http_method_names = ["get", "post", "head", "options"]
