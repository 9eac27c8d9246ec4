"""Find a case through the API (issue 11): the page's search, the same rules and access log."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from cases.api.base import PartnershipViewSet
from cases.search import MAX_LENGTH, MIN_LENGTH, SearchError, search_cases


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["case", "referral"])
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField(help_text="The case's stage or the referral's status.")
    is_restricted = serializers.BooleanField()
    case_reference = serializers.CharField(
        allow_blank=True, help_text="A referral's case, once the partnership has received it."
    )
    people = serializers.ListField(
        child=serializers.CharField(), help_text="The people who matched, with their role."
    )
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="Why it matched, in words."
    )
    created_at = serializers.DateTimeField()


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    count = serializers.IntegerField()
    results = SearchResultSerializer(many=True)


class SearchViewSet(PartnershipViewSet):
    serializer_class = SearchResultSerializer
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                description=(
                    f"A name or alias (near spellings match too), a reference, a date of birth "
                    f"(12/3/2019, 12 March 2019 or 2019-03-12) or an NHS number; {MIN_LENGTH} to "
                    f"{MAX_LENGTH} characters."
                ),
            )
        ],
        responses=SearchResponseSerializer,
    )
    def search(self, request, partnership_slug):
        """Cases and referrals you may see that match, best first, each with why it matched.
        Every search is written to the access log."""
        try:
            query, results = search_cases(
                membership=self.membership, user=request.user, text=request.query_params.get("q")
            )
        except SearchError as exc:
            raise ValidationError({"q": [str(exc)]}) from exc
        return Response(
            {
                "query": query.text,
                "count": len(results),
                "results": SearchResultSerializer(results, many=True).data,
            }
        )
