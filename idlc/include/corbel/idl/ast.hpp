// The syntax tree: what the IDL text says, before any name is resolved or expression evaluated.
//
// Built by parse() from ANTLR's tree, read only by sema. Names are as written (ScopedName),
// constant expressions are trees (Expr), and nothing here has been checked: a typedef may name
// an undeclared type, a bound may be negative. Constructed types declared inside another
// declaration (`typedef struct S {...} T;`, a struct member of an inline struct type) are
// hoisted into the enclosing definition's `body`, just before their first use, and used by name.
#pragma once

#include <corbel/idl/diagnostics.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace corbel::idl::ast {

struct ScopedName {
    bool global = false;  // written with a leading `::`
    std::vector<std::string> parts;
    SourceLocation location;

    std::string text() const;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
    // invalid: an expression the parse step refused (too deep) and reported; it has no value.
    enum class Kind { integer, floating, character, string, boolean, name, unary, binary, invalid };
    Kind kind = Kind::integer;
    SourceLocation location;
    std::uint64_t integer = 0;     // integer literal (always non-negative as written)
    long double floating = 0;      // floating-point literal
    std::string text;              // string literal (escapes decoded), character literal
    bool boolean = false;          // TRUE / FALSE
    ScopedName name;               // an enumerator or a constant
    std::string op;                // unary: - + ~   binary: | ^ & << >> + - * / %
    ExprPtr lhs, rhs;              // unary uses lhs only
};

struct Annotation {
    ScopedName name;
    // One entry per `name = value`; a lone value (`@id(3)`) has the empty name.
    std::vector<std::pair<std::string, ExprPtr>> params;
    SourceLocation location;
};
using Annotations = std::vector<Annotation>;

enum class Primitive {
    boolean, char_, octet, short_, unsigned_short, long_, unsigned_long,
    long_long, unsigned_long_long, float_, double_
};

struct TypeSpec {
    enum class Kind { primitive, string, sequence, named, object, unsupported };
    Kind kind = Kind::primitive;
    SourceLocation location;
    Primitive primitive = Primitive::long_;
    ExprPtr bound;                     // string<N>, sequence<T, N>; null when unbounded
    std::unique_ptr<TypeSpec> element;  // sequence element
    ScopedName name;                   // named
};

struct Declarator {
    std::string name;
    SourceLocation location;
    std::vector<ExprPtr> dimensions;  // fixed array sizes, outermost first
};

struct Member {
    Annotations annotations;
    TypeSpec type;
    std::vector<Declarator> declarators;
};

struct CaseLabel {
    ExprPtr value;  // null for `default:`
    SourceLocation location;
};

struct UnionCase {
    std::vector<CaseLabel> labels;
    Annotations annotations;
    TypeSpec type;
    Declarator declarator;
};

struct Enumerator {
    std::string name;
    SourceLocation location;
    Annotations annotations;
};

enum class Direction { in, out, inout };

struct Parameter {
    Annotations annotations;
    Direction direction = Direction::in;
    TypeSpec type;
    std::string name;
    SourceLocation location;
};

struct Definition;
using DefinitionPtr = std::unique_ptr<Definition>;

struct Definition {
    enum class Kind {
        module, interface, interface_forward, struct_, struct_forward, union_, union_forward,
        enum_, typedef_, const_, exception, operation, attribute, pragma_version, pragma_id,
        unsupported
    };
    Kind kind = Kind::module;
    std::string name;
    SourceLocation location;  // of the name
    Annotations annotations;

    std::vector<DefinitionPtr> body;  // module and interface contents, hoisted nested types
    std::vector<ScopedName> bases;    // interface inheritance
    std::vector<Member> members;      // struct, exception
    TypeSpec type;                    // union discriminator, typedef target, const type,
                                      // attribute type, operation result (unless is_void)
    std::vector<UnionCase> cases;
    std::vector<Enumerator> enumerators;
    std::vector<Declarator> declarators;  // typedef names; attribute names (no dimensions)
    ExprPtr value;                        // const

    bool is_void = false;  // operation returning void
    bool oneway = false;
    bool readonly = false;
    std::vector<Parameter> parameters;
    std::vector<ScopedName> raises;      // operation raises, attribute getraises (or raises)
    std::vector<ScopedName> set_raises;  // attribute setraises

    ScopedName pragma_target;  // #pragma version / ID
    std::string pragma_text;   // the version ("1.2") or the id

    std::string repository_prefix;  // the `#pragma prefix` in effect where it was declared
    // The module or interface ("::A", "" for the global scope) where that prefix was set: the
    // repository id names the declaration relative to it ("IDL:prefix/B/C:1.0" for ::A::B::C).
    std::string prefix_anchor;
    bool from_main_file = true;     // false when it came from an #included file
};

struct Specification {
    std::vector<DefinitionPtr> definitions;
    std::vector<std::string> declared_annotations;  // names from `@annotation X { ... }`
};

}  // namespace corbel::idl::ast
