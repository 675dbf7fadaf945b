"""OpenAPI generation tweaks for the archive's permission model."""
from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions

NO_NUL_PATTERN = r"^[^\x00]*$"


class ArchiveAutoSchema(AutoSchema):
    """AutoSchema that knows anonymous reads are allowed.

    drf-spectacular marks authentication optional (an empty security
    requirement) only for AllowAny and IsAuthenticatedOrReadOnly; the API's
    default DjangoModelPermissionsOrAnonReadOnly lets anonymous clients read
    too, and the schema must say so or clients (and schemathesis) assume a
    login is required.
    """

    def get_auth(self):
        auths = super().get_auth()
        perms = [p.__class__ for p in self.view.get_permissions()]
        anonymous_reads = permissions.DjangoModelPermissionsOrAnonReadOnly in perms
        if anonymous_reads and self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_filter_parameters(self):
        # django-filter treats an empty value (``?date=``, as an HTML form
        # sends it) as "no filter"; say so in the contract.
        # Django's form fields refuse NUL characters (400); say that too, so
        # the schema admits exactly the strings the API accepts.
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            if parameter.get("in") != "query":
                continue
            parameter["allowEmptyValue"] = True
            schema = parameter.get("schema", {})
            if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
                schema["pattern"] = NO_NUL_PATTERN
        return parameters
