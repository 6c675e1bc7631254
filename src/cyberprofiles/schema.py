"""The JSON Schema of a profile file, generated from the Pydantic models."""

from __future__ import annotations

import json

from .models import Profile


def profile_schema() -> str:
    """The schema as indented JSON text, ending with a newline."""
    schema = Profile.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cyberprofiles.invalid/profile.schema.json",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
