"""The duplicate rules one by one, what must not match, blocking keys and clusters."""

from __future__ import annotations

from leadtui.domain.duplicates import (
    Candidate,
    Confidence,
    KeyRow,
    blocking_keys,
    clusters,
    company_key,
    compare,
    fold,
    provider_email_key,
)


def row(
    lead_id: int,
    first: str = "",
    last: str = "",
    email: str | None = None,
    phone: str | None = None,
    company: str = "",
) -> KeyRow:
    return KeyRow(lead_id, first, last, email, phone, company)


def shares_a_block(a: KeyRow, b: KeyRow) -> bool:
    return bool(set(blocking_keys(a)) & set(blocking_keys(b)))


class TestKeys:
    def test_fold_drops_accents_case_and_punctuation(self) -> None:
        assert fold("  José  NÚÑEZ-García ") == "jose nunez garcia"

    def test_gmail_dots_tags_and_googlemail_reach_one_mailbox(self) -> None:
        assert provider_email_key("Jose.Nunez+crm@googlemail.com") == "josenunez@gmail.com"
        assert provider_email_key("josenunez@gmail.com") == "josenunez@gmail.com"

    def test_dots_count_outside_gmail(self) -> None:
        assert provider_email_key("jose.nunez@acme.es") != provider_email_key("josenunez@acme.es")

    def test_shared_mailboxes_identify_no_one(self) -> None:
        assert provider_email_key("info@acme.es") is None
        assert provider_email_key("ventas+web@outlook.com") is None

    def test_company_suffixes_are_dropped(self) -> None:
        assert company_key("Acme, S.L.") == company_key("ACME SL") == "acme"


class TestRules:
    def test_gmail_variants_are_probable(self) -> None:
        found = compare(row(1, email="Jose.Nunez@gmail.com"), row(2, email="josenunez@gmail.com"))
        assert found is not None and found.confidence is Confidence.PROBABLE
        assert "josenunez@gmail.com" in found.reason
        assert shares_a_block(
            row(1, email="Jose.Nunez@gmail.com"), row(2, email="josenunez@gmail.com")
        )

    def test_same_phone_and_same_name_is_certain(self) -> None:
        a = row(1, "José", "Núñez", phone="+34600112233")
        b = row(2, "jose", "nunez", email="jn@x.es", phone="+34600112233")
        found = compare(a, b)
        assert found is not None and found.confidence is Confidence.CERTAIN
        assert "same phone +34600112233" in found.reason

    def test_same_phone_without_a_name_is_probable(self) -> None:
        found = compare(row(1, "José", "Núñez", phone="+34600112233"), row(2, phone="+34600112233"))
        assert found is not None and found.confidence is Confidence.PROBABLE

    def test_family_sharing_a_phone_is_only_possible(self) -> None:
        a = row(1, "Ana", "García", phone="+34600112233")
        b = row(2, "Luis", "García", phone="+34600112233")
        found = compare(a, b)
        assert found is not None and found.confidence is Confidence.POSSIBLE
        assert "different names" in found.reason

    def test_same_name_same_company_domain_is_probable(self) -> None:
        a = row(1, "José", "Núñez", email="jose@acme.es")
        b = row(2, "JOSE", "NUNEZ", email="j.nunez@acme.es")
        found = compare(a, b)
        assert found is not None and found.confidence is Confidence.PROBABLE
        assert found.reason == "same name, same company domain acme.es"
        assert shares_a_block(a, b)

    def test_same_name_same_company_is_probable(self) -> None:
        a, b = row(1, "Marta", "Ruiz", company="Acme S.L."), row(2, "marta", "ruiz", company="ACME")
        found = compare(a, b)
        assert found is not None and found.confidence is Confidence.PROBABLE
        assert shares_a_block(a, b)

    def test_transposed_names_at_one_company_are_possible(self) -> None:
        a, b = row(1, "José", "Núñez", company="Acme"), row(2, "Núñez", "José", company="Acme")
        found = compare(a, b)
        # Same words in another order count as the same name.
        assert found is not None and found.confidence is Confidence.PROBABLE
        assert shares_a_block(a, b)

    def test_missing_second_surname_is_similar(self) -> None:
        a = row(1, "José", "Núñez García", company="Acme")
        b = row(2, "José", "Núñez", company="Acme")
        found = compare(a, b)
        assert found is not None and found.confidence is Confidence.POSSIBLE
        assert found.reason == "similar names, same company Acme"
        assert shares_a_block(a, b)


class TestMustNotMatch:
    def test_same_company_different_people(self) -> None:
        a, b = row(1, "Ana", "García", company="Acme"), row(2, "Pedro", "Gómez", company="Acme")
        assert compare(a, b) is None
        assert not shares_a_block(a, b)

    def test_same_first_name_at_one_company(self) -> None:
        assert (
            compare(row(1, "Ana", "García", company="Acme"), row(2, "Ana", "Gil", company="Acme"))
            is None
        )

    def test_shared_info_address_domain_alone(self) -> None:
        a = row(1, "Ana", "García", email="info@acme.es")
        b = row(2, "Pedro", "Gómez", email="pedro@acme.es")
        assert compare(a, b) is None
        assert not shares_a_block(a, b)

    def test_same_name_at_free_mail_is_not_a_company(self) -> None:
        a, b = (
            row(1, "Ana", "García", email="ana1@gmail.com"),
            row(2, "Ana", "García", email="ag@gmail.com"),
        )
        assert compare(a, b) is None

    def test_same_name_at_a_national_free_mail_domain(self) -> None:
        a = row(1, "Ana", "García", email="ana@hotmail.co.uk")
        b = row(2, "Ana", "García", email="agarcia@hotmail.co.uk")
        assert compare(a, b) is None
        assert not shares_a_block(a, b)

    def test_same_name_different_companies(self) -> None:
        a, b = row(1, "Ana", "García", company="Acme"), row(2, "Ana", "García", company="Globex")
        assert compare(a, b) is None

    def test_one_word_names_never_match_by_name(self) -> None:
        assert compare(row(1, "Ana", company="Acme"), row(2, "Ana", company="Acme")) is None


def test_three_appearances_make_one_cluster() -> None:
    pairs = [
        Candidate(1, 2, Confidence.PROBABLE, ("a",)),
        Candidate(2, 7, Confidence.CERTAIN, ("b",)),
        Candidate(4, 5, Confidence.POSSIBLE, ("c",)),
    ]
    found = clusters(pairs)
    assert [c.lead_ids for c in found] == [(1, 2, 7), (4, 5)]
    assert found[0].confidence is Confidence.CERTAIN
    assert found[0].pairs[0].low_id == 2
