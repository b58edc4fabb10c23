// The checked model: what sema hands to generators and to in-process users (the `corbel` tool).
//
// Every name is resolved, every constant evaluated, every bound and array dimension is a number,
// typedefs point at their declarations (and `resolved()` strips them), and every declaration
// knows its repository id, its scoped name, its annotations and where it was written. A model
// exists only for input without errors, so users need not re-check anything.
//
// Ownership: the Model owns every Declaration (through the tree of `contents`) and every Type.
// Pointers between them stay valid as long as the Model lives; a Model is movable, not copyable.
#pragma once

#include <corbel/idl/diagnostics.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace corbel::idl {

struct Declaration;

enum class PrimitiveKind {
    boolean, char_, octet, short_, unsigned_short, long_, unsigned_long,
    long_long, unsigned_long_long, float_, double_
};
const char* idl_name(PrimitiveKind kind) noexcept;  // "unsigned long", ...
bool is_integer(PrimitiveKind kind) noexcept;

// A use of a type: a member's, a parameter's, a typedef's target, a sequence's element.
struct Type {
    enum class Kind {
        primitive,  // `primitive`
        string,     // `bound` (0: unbounded)
        sequence,   // `element`, `bound` (0: unbounded)
        array,      // `element`, `dimensions` (outermost first); only from declarators
        named,      // `declaration`: a struct, union, enum, typedef, interface or exception
        object,     // the IDL type Object (any object reference)
    };
    Kind kind = Kind::primitive;
    PrimitiveKind primitive = PrimitiveKind::long_;
    std::uint32_t bound = 0;
    const Type* element = nullptr;
    std::vector<std::uint32_t> dimensions;
    const Declaration* declaration = nullptr;  // the full definition, never a forward one

    // Follows typedefs (and arrays never); returns this type when it is not a typedef.
    const Type& resolved() const;
};

// The value of a constant, a union label or an annotation parameter.
struct EnumeratorRef {
    const Declaration* enumeration = nullptr;
    std::uint32_t index = 0;

    bool operator==(const EnumeratorRef& other) const {
        return enumeration == other.enumeration && index == other.index;
    }
};
struct ConstValue {
    // signed integers in int64_t, unsigned ones in uint64_t, so no value is ever truncated
    std::variant<std::int64_t, std::uint64_t, double, char, std::string, bool, EnumeratorRef> value;

    bool operator==(const ConstValue& other) const;
    std::string to_idl() const;  // as IDL would write it
};

struct Annotation {
    std::string name;  // as written, e.g. "key" or "my::annot"
    std::vector<std::pair<std::string, ConstValue>> params;  // "" for a lone value
    SourceLocation location;
};

struct Member {
    std::string name;
    const Type* type = nullptr;  // arrays are Type::Kind::array
    std::vector<Annotation> annotations;
    SourceLocation location;
};

struct UnionCase {
    std::vector<ConstValue> labels;  // values of the discriminator type
    bool is_default = false;         // has a `default:` label (possibly with others)
    Member member;
};

struct Enumerator {
    std::string name;
    std::vector<Annotation> annotations;
    SourceLocation location;
};

enum class Direction { in, out, inout };
const char* to_string(Direction direction) noexcept;

struct Parameter {
    std::string name;
    Direction direction = Direction::in;
    const Type* type = nullptr;
    std::vector<Annotation> annotations;
    SourceLocation location;
};

struct Declaration {
    enum class Kind { module, interface, struct_, union_, enum_, typedef_, const_, exception,
                      operation, attribute };
    Kind kind = Kind::module;
    std::string name;
    std::string scoped_name;    // "::A::B", always absolute
    std::string repository_id;  // "IDL:prefix/A/B:1.0" (empty for operations and attributes)
    SourceLocation location;
    std::vector<Annotation> annotations;
    const Declaration* parent = nullptr;  // the enclosing module, interface, struct or union
    bool from_main_file = true;           // false for declarations of #included files
    // Later declarations of a module that was reopened point at its first declaration.
    const Declaration* first_declaration = nullptr;

    // module, interface, struct, union, exception: declarations inside, in source order
    // (types declared inside a struct or union are here as well)
    std::vector<std::unique_ptr<Declaration>> contents;

    std::vector<Member> members;                  // struct, exception
    const Type* discriminator = nullptr;          // union (typedefs kept; see resolved())
    std::vector<UnionCase> cases;                 // union, in source order
    std::optional<std::size_t> default_case;      // union: index into cases
    std::optional<ConstValue> default_label;      // union: a discriminator value no case names
                                                  // (absent when all values are named)
    std::vector<Enumerator> enumerators;          // enum
    const Type* type = nullptr;                   // typedef target, const type, attribute type,
                                                  // operation result (null: void)
    std::optional<ConstValue> value;              // const

    // interface
    std::vector<const Declaration*> bases;         // direct bases, as written
    bool forward_declared = false;                 // was declared forward before its definition
    bool defined = true;                           // false: only ever declared forward
    // operation
    bool oneway = false;
    std::vector<Parameter> parameters;
    std::vector<const Declaration*> raises;        // exceptions; attribute: getraises
    std::vector<const Declaration*> set_raises;    // attribute setraises
    // attribute
    bool readonly = false;
    // operation and attribute: corbel::method_id of the operation name ("_get_x"/"_set_x")
    std::uint32_t method_id = 0;
    std::uint32_t set_method_id = 0;  // attribute that is not readonly
};
const char* to_string(Declaration::Kind kind) noexcept;  // "module", "struct", "typedef", ...

// A type as IDL writes it: "long", "string<8>", "sequence<Person, 4>", "long[2][3]",
// "Bank::Account" (a scoped name without its leading "::"), "Object".
std::string idl_spelling(const Type& type);

// The declarations of an interface visible to clients: its own operations and attributes and
// those of all its bases, each once (diamonds are folded), bases first.
std::vector<const Declaration*> all_operations_and_attributes(const Declaration& interface);

struct Model {
    std::string main_file;
    std::vector<std::string> included_files;   // every file #included, directly or not
    std::vector<std::unique_ptr<Declaration>> declarations;  // top level, in source order
    std::vector<std::unique_ptr<Type>> types;                // owner of every Type

    // "::A::B" or "A::B" -> the declaration (the first one for reopened modules).
    const Declaration* find(const std::string& scoped_name) const;
};

}  // namespace corbel::idl
