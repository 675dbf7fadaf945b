"""OpenAPI generation tweaks for the archive's permission model."""
from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions


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
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            if parameter.get("in") == "query":
                parameter["allowEmptyValue"] = True
        return parameters
