"""API errors are answers, not crashes: a refused delete says why in Chinese."""

from rest_framework.test import APIClient


def test_api_delete_of_a_referenced_row_is_a_409_in_chinese(hospital):
    client = APIClient()
    client.force_authenticate(hospital.carol)
    response = client.delete(f"/api/organizations/{hospital.committee.pk}/")
    assert response.status_code == 409
    assert "仍有其他台账记录引用它" in response.json()["detail"]
    assert type(hospital.committee).objects.filter(pk=hospital.committee.pk).exists()
