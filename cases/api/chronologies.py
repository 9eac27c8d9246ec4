"""A case's chronologies through the API: the same services and rules as the pages
(cases.services.chronologies, cases.permissions). 404 for what the member may not see, 403 for
what they may see but not do, 409 for the wrong state, 400 with the reasons (an import: every
bad row and cell)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from cases import permissions
from cases.api.base import ModelSerializer
from cases.api.views import CaseChildViewSet
from cases.audit import access_record
from cases.chronologies import (
    IntegratedFilter,
    attach_chronologies,
    case_chronologies,
    chronology_entries,
    chronology_for_user,
    entry_for_chronology,
    integrated_chronologies,
    integrated_entries,
)
from cases.chronology_columns import LONG_MAX, SHORT_MAX
from cases.chronology_export import XLSX_CONTENT_TYPE, integrated_workbook
from cases.models import (
    AccessKind,
    Agency,
    Chronology,
    ChronologyEntry,
    ChronologyKind,
    ChronologyPurpose,
    Subject,
)
from cases.services import chronologies as services


class EntrySerializer(ModelSerializer):
    subject_names = serializers.SerializerMethodField()
    entered_by = serializers.SerializerMethodField()

    class Meta:
        model = ChronologyEntry
        fields = [
            "id",
            "occurred_on",
            "occurred_at",
            "source",
            "department",
            "subjects",
            "subject_names",
            "contact_type",
            "by_whom",
            "details",
            "analysis",
            "entered_on_behalf",
            "entered_by",
            "created_at",
        ]
        read_only_fields = fields

    def get_subject_names(self, entry) -> list[str]:
        return [s.full_name for s in entry.subjects.all()]

    def get_entered_by(self, entry) -> str:
        return entry.created_by.get_full_name()


class IntegratedEntrySerializer(EntrySerializer):
    agency = serializers.IntegerField(source="chronology.agency_id", read_only=True)
    agency_name = serializers.CharField(source="chronology.agency.name", read_only=True)
    chronology = serializers.IntegerField(source="chronology_id", read_only=True)
    outside_scope = serializers.BooleanField(read_only=True)

    class Meta(EntrySerializer.Meta):
        fields = [
            *EntrySerializer.Meta.fields,
            "agency",
            "agency_name",
            "chronology",
            "outside_scope",
        ]
        read_only_fields = fields


class ChronologySerializer(ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    submitted_by = serializers.SerializerMethodField()
    entry_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Chronology
        fields = [
            "id",
            "agency",
            "agency_name",
            "purpose",
            "kind",
            "scope_from",
            "scope_to",
            "due_date",
            "overdue",
            "status",
            "submitted_by",
            "submitted_at",
            "written_by",
            "author_not_involved",
            "returned_reason",
            "entry_count",
            "created_at",
        ]
        read_only_fields = fields

    def get_submitted_by(self, chronology) -> str:
        """Who submitted it; "" until submitted."""
        return chronology.submitted_by.get_full_name() if chronology.submitted_by_id else ""


class ChronologyDetailSerializer(ChronologySerializer):
    entries = serializers.SerializerMethodField()

    class Meta(ChronologySerializer.Meta):
        fields = [*ChronologySerializer.Meta.fields, "entries"]
        read_only_fields = fields

    @extend_schema(responses=EntrySerializer(many=True))
    def get_entries(self, chronology) -> list[dict]:
        return EntrySerializer(chronology_entries(chronology=chronology), many=True).data


class ChronologyOpenSerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.none())
    purpose = serializers.ChoiceField(ChronologyPurpose.choices)
    kind = serializers.ChoiceField(ChronologyKind.choices, default=ChronologyKind.EVENTS)
    scope_from = serializers.DateField(required=False, allow_null=True)
    scope_to = serializers.DateField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        case = self.context.get("case")
        if case is not None:
            fields["agency"].queryset = case.agencies.all()
        return fields


class EntryInputSerializer(serializers.Serializer):
    occurred_on = serializers.DateField()
    occurred_at = serializers.TimeField(required=False, allow_null=True)
    source = serializers.CharField(max_length=SHORT_MAX, required=False, allow_blank=True)
    department = serializers.CharField(max_length=SHORT_MAX, required=False, allow_blank=True)
    subjects = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Subject.objects.none(), required=False
    )
    contact_type = serializers.CharField(max_length=SHORT_MAX, required=False, allow_blank=True)
    by_whom = serializers.CharField(max_length=SHORT_MAX, required=False, allow_blank=True)
    details = serializers.CharField(max_length=LONG_MAX)
    analysis = serializers.CharField(max_length=LONG_MAX, required=False, allow_blank=True)

    def get_fields(self):
        fields = super().get_fields()
        case = self.context.get("case")
        if case is not None:
            fields["subjects"].child_relation.queryset = Subject.objects.filter(
                case=case, archived_at__isnull=True
            )
        return fields


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="An .xlsx or .csv file with the template's headings.")


class ChronologySubmitSerializer(serializers.Serializer):
    """Who wrote it: required for an LCSPR's chronology (Swindon 001 Appendix 10)."""

    written_by = serializers.CharField(max_length=200, required=False, allow_blank=True)
    author_not_involved = serializers.BooleanField(required=False, default=False)


class ChronologyReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=LONG_MAX)


class IntegratedSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(ChronologyPurpose.choices)
    kind = serializers.ChoiceField(ChronologyKind.choices)
    chronologies = ChronologySerializer(many=True)
    entries = IntegratedEntrySerializer(many=True)


class IntegratedQuerySerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(
        ChronologyPurpose.choices, default=ChronologyPurpose.RAPID_REVIEW
    )
    kind = serializers.ChoiceField(ChronologyKind.choices, default=ChronologyKind.EVENTS)
    agency = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False)
    subject = serializers.IntegerField(min_value=1, required=False)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)


INTEGRATED_PARAMETERS = [
    OpenApiParameter("purpose", OpenApiTypes.STR, enum=ChronologyPurpose.values),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=ChronologyKind.values),
    OpenApiParameter("agency", OpenApiTypes.INT, many=True, description="Agency ids"),
    OpenApiParameter("subject", OpenApiTypes.INT, description="A person of the case"),
    OpenApiParameter("date_from", OpenApiTypes.DATE),
    OpenApiParameter("date_to", OpenApiTypes.DATE),
]


class ChronologyViewSet(mixins.ListModelMixin, CaseChildViewSet):
    serializer_class = ChronologySerializer
    pagination_class = None

    def get_queryset(self):
        return case_chronologies(membership=self.membership, case=self.get_case())

    def get_object(self):
        return chronology_for_user(
            membership=self.membership, case=self.get_case(), pk=self.kwargs["pk"]
        )

    def _input(self, serializer_class, data=None):
        serializer = serializer_class(
            data=self.request.data if data is None else data, context={"case": self.get_case()}
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _detail(self, chronology, code=status.HTTP_200_OK):
        chronology = self.get_queryset().get(pk=chronology.pk)
        access_record(
            user=self.request.user,
            case=self.get_case(),
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr=f"{chronology} via API",
        )
        return Response(ChronologyDetailSerializer(chronology).data, status=code)

    @extend_schema(request=ChronologyOpenSerializer, responses={201: ChronologySerializer})
    def create(self, request, partnership_slug, case_pk):
        case = self.get_case()
        if not permissions.can_manage_chronologies(self.membership, case):
            raise PermissionDenied(services.NOT_ALLOWED_TO_MANAGE)
        data = self._input(ChronologyOpenSerializer)
        chronology = services.chronology_open(
            actor=request.user, membership=self.membership, case=case, **data
        )
        return Response(
            ChronologySerializer(self.get_queryset().get(pk=chronology.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses=ChronologyDetailSerializer)
    def retrieve(self, request, partnership_slug, case_pk, pk):
        return self._detail(self.get_object())

    @extend_schema(request=ChronologySubmitSerializer, responses=ChronologyDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, partnership_slug, case_pk, pk):
        chronology = self.get_object()
        data = self._input(ChronologySubmitSerializer)
        chronology = services.chronology_submit(
            actor=request.user, membership=self.membership, chronology=chronology, **data
        )
        return self._detail(chronology)

    @extend_schema(request=ChronologyReturnSerializer, responses=ChronologyDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_changes(self, request, partnership_slug, case_pk, pk):
        chronology = self.get_object()
        if not permissions.can_manage_chronologies(self.membership, self.get_case()):
            raise PermissionDenied(services.NOT_ALLOWED_TO_MANAGE)
        data = self._input(ChronologyReturnSerializer)
        services.chronology_return(
            actor=request.user,
            membership=self.membership,
            chronology=chronology,
            reason=data["reason"],
        )
        return self._detail(chronology)

    @extend_schema(
        request={"multipart/form-data": ImportSerializer},
        responses={201: ChronologyDetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_entries(self, request, partnership_slug, case_pk, pk):
        chronology = self.get_object()
        if not permissions.can_edit_chronology(self.membership, chronology):
            raise PermissionDenied(services.NOT_ALLOWED_TO_EDIT)
        data = self._input(ImportSerializer)
        services.chronology_import(
            actor=request.user,
            membership=self.membership,
            chronology=chronology,
            uploaded=data["file"],
        )
        return self._detail(chronology, code=status.HTTP_201_CREATED)

    def _integrated(self):
        case = self.get_case()
        if not permissions.can_view_integrated_chronology(self.membership, case):
            raise PermissionDenied("Only the partnership's readers see the integrated chronology.")
        query = self.request.query_params
        data = {k: query.get(k) for k in query if k != "agency"}
        if "agency" in query:
            data["agency"] = query.getlist("agency")
        values = self._input(IntegratedQuerySerializer, data=data)
        chosen = IntegratedFilter(
            purpose=values["purpose"],
            kind=values["kind"],
            agencies=tuple(values.get("agency", ())),
            subject=values.get("subject"),
            date_from=values.get("date_from"),
            date_to=values.get("date_to"),
        )
        chronologies = integrated_chronologies(case=case, purpose=chosen.purpose, kind=chosen.kind)
        entries = attach_chronologies(
            integrated_entries(case=case, chosen=chosen, chronologies=chronologies), chronologies
        )
        return case, chosen, chronologies, entries

    @extend_schema(parameters=INTEGRATED_PARAMETERS, responses=IntegratedSerializer)
    @action(detail=False, methods=["get"])
    def integrated(self, request, partnership_slug, case_pk):
        case, chosen, chronologies, entries = self._integrated()
        if entries:
            access_record(
                user=request.user,
                case=case,
                kind=AccessKind.VIEW_PERSONAL_DETAILS,
                object_repr=f"{len(entries)} entries of the integrated chronology via API",
            )
        body = {
            "purpose": chosen.purpose,
            "kind": chosen.kind,
            "chronologies": chronologies,
            "entries": entries,
        }
        return Response(IntegratedSerializer(body).data)

    @extend_schema(parameters=INTEGRATED_PARAMETERS, responses={(200, XLSX_CONTENT_TYPE): bytes})
    @action(detail=False, methods=["get"], url_path="integrated/xlsx")
    def integrated_xlsx(self, request, partnership_slug, case_pk):
        case, chosen, _, entries = self._integrated()
        access_record(
            user=request.user,
            case=case,
            kind=AccessKind.EXPORT,
            object_repr=f"{len(entries)} entries of the integrated chronology (.xlsx) via API",
        )
        title = f"{case.reference}: integrated chronology ({chosen.purpose}, {chosen.kind})"
        response = HttpResponse(
            integrated_workbook(entries, title=title), content_type=XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{case.reference}-integrated-chronology.xlsx"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ChronologyEntryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    CaseChildViewSet,
):
    serializer_class = EntrySerializer
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.get_chronology()  # 404 before any 400 or 403

    def get_chronology(self):
        if not hasattr(self, "_chronology"):
            self._chronology = chronology_for_user(
                membership=self.membership, case=self.get_case(), pk=self.kwargs["chronology_pk"]
            )
        return self._chronology

    def get_queryset(self):
        return chronology_entries(chronology=self.get_chronology())

    def get_object(self):
        entry = entry_for_chronology(chronology=self.get_chronology(), pk=self.kwargs["pk"])
        entry.chronology = self.get_chronology()
        return entry

    def _require_editor(self):
        if not permissions.can_edit_chronology(self.membership, self.get_chronology()):
            raise PermissionDenied(services.NOT_ALLOWED_TO_EDIT)

    def _input(self, partial=False):
        serializer = EntryInputSerializer(
            data=self.request.data, partial=partial, context={"case": self.get_case()}
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _read(self, entry, code=status.HTTP_200_OK):
        return Response(EntrySerializer(self.get_queryset().get(pk=entry.pk)).data, status=code)

    @extend_schema(request=EntryInputSerializer, responses={201: EntrySerializer})
    def create(self, request, partnership_slug, case_pk, chronology_pk):
        self._require_editor()
        entry = services.entry_add(
            actor=request.user,
            membership=self.membership,
            chronology=self.get_chronology(),
            **self._input(),
        )
        return self._read(entry, status.HTTP_201_CREATED)

    @extend_schema(request=EntryInputSerializer, responses=EntrySerializer)
    def partial_update(self, request, partnership_slug, case_pk, chronology_pk, pk):
        entry = self.get_object()
        self._require_editor()
        data = self._input(partial=True)
        subjects = data.pop("subjects", None)
        services.entry_update(
            actor=request.user, membership=self.membership, entry=entry, subjects=subjects, **data
        )
        return self._read(entry)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request, partnership_slug, case_pk, chronology_pk, pk):
        entry = self.get_object()
        self._require_editor()
        services.entry_remove(actor=request.user, membership=self.membership, entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)
