#include "const_eval.hpp"

#include <cmath>
#include <limits>

namespace corbel::idl {

namespace {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

constexpr Int128 min_integer = -(static_cast<Int128>(1) << 63);
constexpr Int128 max_integer = (static_cast<Int128>(1) << 64) - 1;

// An intermediate value, wider than any IDL type so that overflow can be seen.
struct Value {
    enum class Kind { integer, floating, character, string, boolean, enumerator };
    Kind kind = Kind::integer;
    Int128 integer = 0;
    long double floating = 0;
    char character = 0;
    std::string string;
    bool boolean = false;
    EnumeratorRef enumerator;
};

const char* kind_name(Value::Kind kind) {
    switch (kind) {
        case Value::Kind::integer: return "an integer";
        case Value::Kind::floating: return "a floating-point value";
        case Value::Kind::character: return "a character";
        case Value::Kind::string: return "a string";
        case Value::Kind::boolean: return "a boolean";
        case Value::Kind::enumerator: return "an enumerator";
    }
    return "a value";
}

std::string to_text(Int128 v) {
    if (v == 0) return "0";
    const bool negative = v < 0;
    UInt128 magnitude = negative ? static_cast<UInt128>(-(v + 1)) + 1 : static_cast<UInt128>(v);
    std::string digits;
    while (magnitude != 0) {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
        magnitude /= 10;
    }
    return negative ? "-" + digits : digits;
}

Value from_const(const ConstValue& c) {
    Value v;
    if (const auto* i = std::get_if<std::int64_t>(&c.value)) {
        v.integer = *i;
    } else if (const auto* u = std::get_if<std::uint64_t>(&c.value)) {
        v.integer = static_cast<Int128>(*u);
    } else if (const auto* d = std::get_if<double>(&c.value)) {
        v.kind = Value::Kind::floating, v.floating = *d;
    } else if (const auto* ch = std::get_if<char>(&c.value)) {
        v.kind = Value::Kind::character, v.character = *ch;
    } else if (const auto* s = std::get_if<std::string>(&c.value)) {
        v.kind = Value::Kind::string, v.string = *s;
    } else if (const auto* b = std::get_if<bool>(&c.value)) {
        v.kind = Value::Kind::boolean, v.boolean = *b;
    } else {
        v.kind = Value::Kind::enumerator, v.enumerator = std::get<EnumeratorRef>(c.value);
    }
    return v;
}

class Evaluator {
public:
    // `unsigned_max` is the largest value of an unsigned target type, 0 for any other target.
    Evaluator(const ConstantLookup& lookup, DiagnosticSink& diagnostics, Int128 unsigned_max)
        : lookup_(lookup), diagnostics_(diagnostics), unsigned_max_(unsigned_max) {}

    std::optional<Value> eval(const ast::Expr& e) {
        switch (e.kind) {
            case ast::Expr::Kind::integer: {
                Value v;
                v.integer = static_cast<Int128>(e.integer);
                return v;
            }
            case ast::Expr::Kind::floating: {
                Value v;
                v.kind = Value::Kind::floating, v.floating = e.floating;
                return v;
            }
            case ast::Expr::Kind::character: {
                Value v;
                v.kind = Value::Kind::character, v.character = e.text.empty() ? '\0' : e.text[0];
                return v;
            }
            case ast::Expr::Kind::string: {
                Value v;
                v.kind = Value::Kind::string, v.string = e.text;
                return v;
            }
            case ast::Expr::Kind::boolean: {
                Value v;
                v.kind = Value::Kind::boolean, v.boolean = e.boolean;
                return v;
            }
            case ast::Expr::Kind::name: {
                auto c = lookup_(e.name);
                if (!c) return std::nullopt;
                return from_const(*c);
            }
            case ast::Expr::Kind::unary: return unary(e);
            case ast::Expr::Kind::binary: return binary(e);
            case ast::Expr::Kind::invalid: return std::nullopt;  // reported when it was parsed
        }
        return std::nullopt;
    }

private:
    bool check_range(const Value& v, const SourceLocation& at) {
        if (v.kind == Value::Kind::integer && (v.integer < min_integer || v.integer > max_integer)) {
            diagnostics_.error(at, "constant expression overflows: " + to_text(v.integer) +
                                       " is outside the range of long long and unsigned long long");
            return false;
        }
        return true;
    }

    std::optional<Value> unary(const ast::Expr& e) {
        auto operand = eval(*e.lhs);
        if (!operand) return std::nullopt;
        Value v = *operand;
        if (v.kind == Value::Kind::integer) {
            if (e.op == "-") {
                v.integer = -v.integer;
            } else if (e.op == "~") {
                // ~ complements in the width of the constant's type: for unsigned types that is
                // max - x (so ~0 is the type's largest value), for signed ones -(x + 1)
                v.integer = unsigned_max_ != 0 ? unsigned_max_ - v.integer : -(v.integer + 1);
            }
            if (!check_range(v, e.location)) return std::nullopt;
            return v;
        }
        if (v.kind == Value::Kind::floating && e.op != "~") {
            if (e.op == "-") v.floating = -v.floating;
            return v;
        }
        diagnostics_.error(e.location, "operator " + e.op + " cannot be applied to " + kind_name(v.kind));
        return std::nullopt;
    }

    std::optional<Value> binary(const ast::Expr& e) {
        auto lhs = eval(*e.lhs);
        auto rhs = eval(*e.rhs);
        if (!lhs || !rhs) return std::nullopt;
        if (lhs->kind != rhs->kind) {
            diagnostics_.error(e.location, std::string("operator ") + e.op + " needs operands of one kind, not " +
                                               kind_name(lhs->kind) + " and " + kind_name(rhs->kind));
            return std::nullopt;
        }
        Value v = *lhs;
        if (lhs->kind == Value::Kind::integer) {
            const Int128 a = lhs->integer;
            const Int128 b = rhs->integer;
            if ((e.op == "/" || e.op == "%") && b == 0) {
                diagnostics_.error(e.location, "division by zero in a constant expression");
                return std::nullopt;
            }
            if ((e.op == "<<" || e.op == ">>") && (b < 0 || b >= 64)) {
                diagnostics_.error(e.location, "shift count " + to_text(b) + " is outside 0..63");
                return std::nullopt;
            }
            if (e.op == "|") v.integer = a | b;
            else if (e.op == "^") v.integer = a ^ b;
            else if (e.op == "&") v.integer = a & b;
            else if (e.op == "<<") {
                if (a < 0) {
                    diagnostics_.error(e.location, "left shift of a negative value");
                    return std::nullopt;
                }
                v.integer = static_cast<Int128>(static_cast<UInt128>(a) << static_cast<int>(b));
                if (v.integer >> static_cast<int>(b) != a) v.integer = max_integer + 1;
            }
            else if (e.op == ">>") v.integer = a >> static_cast<int>(b);
            else if (e.op == "+") v.integer = a + b;
            else if (e.op == "-") v.integer = a - b;
            else if (e.op == "*") v.integer = a * b;
            else if (e.op == "/") v.integer = a / b;
            else v.integer = a % b;
            if (!check_range(v, e.location)) return std::nullopt;
            return v;
        }
        if (lhs->kind == Value::Kind::floating && e.op != "%" && e.op != "|" && e.op != "^" && e.op != "&" &&
            e.op != "<<" && e.op != ">>") {
            const long double a = lhs->floating;
            const long double b = rhs->floating;
            if (e.op == "/" && b == 0) {
                diagnostics_.error(e.location, "division by zero in a constant expression");
                return std::nullopt;
            }
            v.floating = e.op == "+" ? a + b : e.op == "-" ? a - b : e.op == "*" ? a * b : a / b;
            return v;
        }
        diagnostics_.error(e.location, "operator " + e.op + " cannot be applied to " + kind_name(lhs->kind));
        return std::nullopt;
    }

    const ConstantLookup& lookup_;
    DiagnosticSink& diagnostics_;
    Int128 unsigned_max_;
};

struct IntegerRange {
    Int128 min;
    Int128 max;
    bool is_signed;
};

IntegerRange range_of(PrimitiveKind kind) {
    switch (kind) {
        case PrimitiveKind::octet: return {0, 255, false};
        case PrimitiveKind::short_: return {-32768, 32767, true};
        case PrimitiveKind::unsigned_short: return {0, 65535, false};
        case PrimitiveKind::long_: return {-(static_cast<Int128>(1) << 31), (static_cast<Int128>(1) << 31) - 1, true};
        case PrimitiveKind::unsigned_long: return {0, (static_cast<Int128>(1) << 32) - 1, false};
        case PrimitiveKind::long_long: return {min_integer, (static_cast<Int128>(1) << 63) - 1, true};
        default: return {0, max_integer, false};
    }
}

Int128 unsigned_max_of(const Type& target) {
    if (target.kind != Type::Kind::primitive || !is_integer(target.primitive)) return 0;
    const IntegerRange range = range_of(target.primitive);
    return range.is_signed ? 0 : range.max;
}

}  // namespace

std::string describe(const Type& type) {
    switch (type.kind) {
        case Type::Kind::primitive:
        case Type::Kind::string:
        case Type::Kind::object: return idl_spelling(type);
        case Type::Kind::sequence: return "sequence<" + describe(*type.element) + ">";
        case Type::Kind::array: return "array of " + describe(*type.element);
        case Type::Kind::named: {
            const char* what = "type";
            switch (type.declaration->kind) {
                case Declaration::Kind::enum_: what = "enum"; break;
                case Declaration::Kind::struct_: what = "struct"; break;
                case Declaration::Kind::union_: what = "union"; break;
                case Declaration::Kind::interface: what = "interface"; break;
                case Declaration::Kind::typedef_: what = "typedef"; break;
                default: break;
            }
            return std::string(what) + " " + type.declaration->scoped_name;
        }
    }
    return "type";
}

std::optional<ConstValue> evaluate(const ast::Expr& expr, const Type& target, const ConstantLookup& lookup,
                                   DiagnosticSink& diagnostics) {
    Evaluator evaluator(lookup, diagnostics, unsigned_max_of(target));
    auto value = evaluator.eval(expr);
    if (!value) return std::nullopt;
    const std::string type_name = describe(target);
    auto mismatch = [&]() -> std::optional<ConstValue> {
        diagnostics.error(expr.location, std::string("cannot use ") + kind_name(value->kind) + " as a value of type " +
                                             type_name);
        return std::nullopt;
    };
    if (target.kind == Type::Kind::string) {
        if (value->kind != Value::Kind::string) return mismatch();
        if (target.bound != 0 && value->string.size() > target.bound) {
            diagnostics.error(expr.location, "string of " + std::to_string(value->string.size()) +
                                                 " characters exceeds the bound of " + type_name);
            return std::nullopt;
        }
        return ConstValue{value->string};
    }
    if (target.kind == Type::Kind::named && target.declaration->kind == Declaration::Kind::enum_) {
        if (value->kind != Value::Kind::enumerator) return mismatch();
        if (value->enumerator.enumeration != target.declaration) {
            diagnostics.error(expr.location, "enumerator " +
                                                 value->enumerator.enumeration->enumerators[value->enumerator.index].name +
                                                 " is not of type " + type_name);
            return std::nullopt;
        }
        return ConstValue{value->enumerator};
    }
    if (target.kind != Type::Kind::primitive) return mismatch();
    switch (target.primitive) {
        case PrimitiveKind::boolean:
            if (value->kind != Value::Kind::boolean) return mismatch();
            return ConstValue{value->boolean};
        case PrimitiveKind::char_:
            if (value->kind != Value::Kind::character) return mismatch();
            return ConstValue{value->character};
        case PrimitiveKind::float_:
        case PrimitiveKind::double_: {
            if (value->kind != Value::Kind::floating) return mismatch();
            const long double limit = target.primitive == PrimitiveKind::float_
                                          ? static_cast<long double>(std::numeric_limits<float>::max())
                                          : static_cast<long double>(std::numeric_limits<double>::max());
            if (!std::isfinite(value->floating) || std::fabs(value->floating) > limit) {
                diagnostics.error(expr.location, "value is out of range for " + type_name);
                return std::nullopt;
            }
            return ConstValue{static_cast<double>(value->floating)};
        }
        default: {
            if (value->kind != Value::Kind::integer) return mismatch();
            const IntegerRange range = range_of(target.primitive);
            if (value->integer < range.min || value->integer > range.max) {
                diagnostics.error(expr.location, "value " + to_text(value->integer) + " is out of range for " + type_name);
                return std::nullopt;
            }
            if (range.is_signed) return ConstValue{static_cast<std::int64_t>(value->integer)};
            return ConstValue{static_cast<std::uint64_t>(value->integer)};
        }
    }
}

std::optional<ConstValue> evaluate_untyped(const ast::Expr& expr, const ConstantLookup& lookup,
                                           DiagnosticSink& diagnostics) {
    Evaluator evaluator(lookup, diagnostics, 0);
    auto value = evaluator.eval(expr);
    if (!value) return std::nullopt;
    switch (value->kind) {
        case Value::Kind::integer:
            if (value->integer > static_cast<Int128>(std::numeric_limits<std::int64_t>::max())) {
                return ConstValue{static_cast<std::uint64_t>(value->integer)};
            }
            return ConstValue{static_cast<std::int64_t>(value->integer)};
        case Value::Kind::floating: return ConstValue{static_cast<double>(value->floating)};
        case Value::Kind::character: return ConstValue{value->character};
        case Value::Kind::string: return ConstValue{value->string};
        case Value::Kind::boolean: return ConstValue{value->boolean};
        case Value::Kind::enumerator: return ConstValue{value->enumerator};
    }
    return std::nullopt;
}

}  // namespace corbel::idl
