from django.test import Client


def test_a_wrong_method_on_an_api_path_is_a_json_error(db):
    response = Client().put("/api/v1/auth/token")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "method_not_allowed"
    assert "POST" in response["Allow"]


def test_pages_outside_the_api_keep_their_usual_405(db):
    response = Client().put("/join/")
    assert response.status_code in {302, 405}
    assert not response.get("Content-Type", "").startswith("application/json")
