"""ZIP codes to coordinates (GeoNames data in the zipcodes package) and distances in miles."""

import math
import re
from functools import cache

import zipcodes

EARTH_RADIUS_MILES = 3958.8
ZIP_PATTERN = re.compile(r"[0-9]{5}", re.ASCII)


def is_zip(value):
    """Exactly five ASCII digits: anything else never reaches the zipcodes package."""
    return bool(value) and ZIP_PATTERN.fullmatch(value) is not None


@cache
def zip_coordinates(zip_code):
    """(latitude, longitude) of a US ZIP code, or None when the package does not know it."""
    if not is_zip(zip_code):
        return None
    matches = zipcodes.matching(zip_code)
    if not matches:
        return None
    return float(matches[0]["lat"]), float(matches[0]["long"])


def warm():
    """Load the ZIP table once at start-up, so the first visitor does not wait for it."""
    zip_coordinates("10001")


def miles_between(lat1, lon1, lat2, lon2):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def bounding_box(lat, lon, miles):
    """(south, north, west, east) enclosing every point within `miles` of (lat, lon)."""
    dlat = miles / 69.0
    dlon = miles / max(69.0 * math.cos(math.radians(lat)), 0.01)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
