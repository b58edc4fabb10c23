#include "json_numbers.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace corbel::cli {

namespace {

std::optional<Json> non_finite_to_json(double value) {
    if (std::isnan(value)) return Json("NaN");
    if (std::isinf(value)) return Json(value > 0 ? "Infinity" : "-Infinity");
    return std::nullopt;
}

}  // namespace

Json float_to_json(float value) {
    if (auto special = non_finite_to_json(value)) return *special;
    // 9 significant digits always round-trip a float; look for fewer first.
    char text[32];
    for (int precision = 1; precision <= 9; ++precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, static_cast<double>(value));
        if (std::strtof(text, nullptr) == value) break;
    }
    // The double nearest the short decimal prints as that decimal, and converts back to `value`.
    return Json(std::strtod(text, nullptr));
}

Json double_to_json(double value) {
    if (auto special = non_finite_to_json(value)) return *special;
    return Json(value);  // nlohmann prints the shortest text that reads back exactly
}

std::optional<double> json_to_double(const Json& value) {
    if (value.is_number_unsigned()) return static_cast<double>(value.get<std::uint64_t>());
    if (value.is_number_integer()) return static_cast<double>(value.get<std::int64_t>());
    if (value.is_number_float()) return value.get<double>();
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text == "NaN") return std::nan("");
        if (text == "Infinity") return HUGE_VAL;
        if (text == "-Infinity") return -HUGE_VAL;
    }
    return std::nullopt;
}

}  // namespace corbel::cli
