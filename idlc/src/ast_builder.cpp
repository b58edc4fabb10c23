#include "ast_builder.hpp"

#include <antlr4-runtime.h>

#include <algorithm>
#include <limits>
#include <set>
#include <sstream>

namespace corbel::idl {

namespace {

using P = grammar::IdlParser;
using ast::Definition;
using ast::DefinitionPtr;
using ast::Expr;
using ast::ExprPtr;
using Kind = ast::Definition::Kind;

class AstBuilder {
public:
    AstBuilder(const PreprocessedSource& source, DiagnosticSink& diagnostics)
        : source_(source), diagnostics_(diagnostics) {}

    ast::Specification build(P::SpecificationContext* ctx) {
        ast::Specification spec;
        spec_ = &spec;
        for (auto* def : ctx->definition()) definition(def, spec.definitions);
        return spec;
    }

private:
    SourceLocation at(antlr4::Token* token) const {
        return source_.locate(static_cast<int>(token->getLine()),
                              static_cast<int>(token->getCharPositionInLine()) + 1);
    }
    SourceLocation at(antlr4::ParserRuleContext* ctx) const { return at(ctx->getStart()); }

    void unsupported(const SourceLocation& where, const std::string& construct) {
        diagnostics_.error(where, construct + " is not supported");
    }

    // IDL keywords are reserved whatever their case: `Short` may not name anything.
    void check_keyword_clash(P::IdentifierContext* ctx) {
        static const std::set<std::string> keywords = {
            "abstract", "any", "attribute", "boolean", "case", "char", "component", "const", "consumes",
            "context", "custom", "default", "double", "emits", "enum", "eventtype", "exception", "factory",
            "false", "finder", "fixed", "float", "getraises", "home", "import", "in", "inout", "interface",
            "local", "long", "manages", "module", "multiple", "native", "object", "octet", "oneway", "out",
            "primarykey", "private", "provides", "public", "publishes", "raises", "readonly", "sequence",
            "setraises", "short", "string", "struct", "supports", "switch", "true", "truncatable", "typedef",
            "typeid", "typeprefix", "unsigned", "union", "uses", "valuebase", "valuetype", "void", "wchar",
            "wstring",
        };
        std::string lower = ctx->getText();
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (keywords.count(lower) != 0) {
            diagnostics_.error(at(ctx), "identifier '" + ctx->getText() + "' collides with the keyword '" + lower +
                                            "' (IDL keywords are reserved in any case)");
        }
    }

    DefinitionPtr new_definition(Kind kind, P::IdentifierContext* name) {
        auto def = std::make_unique<Definition>();
        def->kind = kind;
        if (name != nullptr) {
            check_keyword_clash(name);
            def->name = identifier(name);
            def->location = at(name);
            reach(name->getStart());
            set_prefix(*def);
            def->from_main_file = source_.in_main_file(static_cast<int>(name->getStart()->getLine()));
        }
        return def;
    }

    // An escaped identifier (`_module`) names `module`: IDL's way of using keywords as names.
    static std::string identifier(P::IdentifierContext* ctx) {
        std::string text = ctx->getText();
        if (text.size() > 1 && text[0] == '_') text.erase(0, 1);
        return text;
    }

    // ---- #pragma prefix scoping ----------------------------------------------------------
    //
    // The prefix in effect is kept as the definitions are built, in source order: a module or
    // interface body starts with the enclosing prefix, a `#pragma prefix` replaces it, and
    // leaving the body brings back what it was before. An #included file starts with no
    // prefix, and the includer's comes back when the file ends.

    // The current prefix, and the module or interface ("::A", "" for file level) it was set in.
    struct Prefix {
        std::string text;
        std::string anchor;
    };

    // The inclusions being read (PreprocessedSource::includers), outermost first, each with the
    // prefix its includer had when it was entered.
    struct Inclusion {
        int id = 0;
        Prefix includer_prefix;
    };

    // Brings the prefix up to `token`, called where definitions start and scopes close: applies
    // the prefix pragmas before it and follows it into or out of included files.
    void reach(antlr4::Token* token) {
        const int line = static_cast<int>(token->getLine());
        const auto& pragmas = source_.prefix_pragmas;
        while (next_pragma_ < pragmas.size() && pragmas[next_pragma_].output_line < line) {
            const auto& pragma = pragmas[next_pragma_++];
            follow_inclusion(pragma.output_line);
            prefix_ = {pragma.prefix, scope_};
        }
        follow_inclusion(line);
    }

    void follow_inclusion(int output_line) {
        const int id = source_.inclusion_at(output_line);
        if (id == inclusions_.back().id) return;
        auto open = [&](int inclusion) {
            return std::any_of(inclusions_.begin(), inclusions_.end(),
                               [&](const Inclusion& i) { return i.id == inclusion; });
        };
        std::vector<int> entered;  // inclusions not read yet, innermost first
        int common = id;
        while (common > 0 && !open(common)) {
            entered.push_back(common);
            common = source_.includers[static_cast<std::size_t>(common)];
        }
        while (inclusions_.size() > 1 && inclusions_.back().id != common) {
            prefix_ = std::move(inclusions_.back().includer_prefix);
            inclusions_.pop_back();
        }
        for (auto it = entered.rbegin(); it != entered.rend(); ++it) {
            inclusions_.push_back({*it, std::move(prefix_)});
            prefix_ = {};
        }
    }

    // Builds a module or interface body; `close` is its closing brace.
    template <typename Body>
    void scope(const std::string& name, antlr4::Token* close, Body&& body) {
        Prefix outer = prefix_;
        const std::size_t outer_scope = scope_.size();
        scope_ += "::" + name;
        body();
        reach(close);
        prefix_ = std::move(outer);
        scope_.resize(outer_scope);
    }

    void set_prefix(Definition& def) {
        def.repository_prefix = prefix_.text;
        def.prefix_anchor = prefix_.anchor;
    }

    // ---- definitions ---------------------------------------------------------------------

    void definition(P::DefinitionContext* ctx, std::vector<DefinitionPtr>& out) {
        reach(ctx->getStart());
        ast::Annotations annotations = annotation_list(ctx->annotation_appl());
        const std::size_t first = out.size();
        if (auto* m = ctx->module_dcl()) {
            auto def = new_definition(Kind::module, m->identifier());
            scope(def->name, m->getStop(), [&] {
                for (auto* inner : m->definition()) definition(inner, def->body);
            });
            out.push_back(std::move(def));
        } else if (auto* c = ctx->const_dcl()) {
            out.push_back(const_dcl(c, out));
        } else if (auto* e = ctx->except_dcl()) {
            out.push_back(except_dcl(e));
        } else if (auto* i = ctx->interface_dcl()) {
            out.push_back(interface_dcl(i));
        } else if (auto* t = ctx->type_dcl()) {
            type_dcl(t, out);
        } else if (auto* u = ctx->unsupported_dcl()) {
            out.push_back(unsupported_dcl(u));
        } else if (auto* a = ctx->annotation_dcl()) {
            spec_->declared_annotations.push_back(identifier(a->identifier()));
        } else if (auto* p = ctx->pragma_line()) {
            if (auto def = pragma(p)) out.push_back(std::move(def));
        }
        attach(annotations, out, first);
    }

    // Annotations written before a declaration belong to its last definition (the hoisted
    // inline types come first).
    static void attach(ast::Annotations& annotations, std::vector<DefinitionPtr>& out, std::size_t first) {
        if (annotations.empty() || out.size() <= first) return;
        auto& target = out.back()->annotations;
        for (auto& a : annotations) target.push_back(std::move(a));
    }

    DefinitionPtr pragma(P::Pragma_lineContext* ctx) {
        const SourceLocation where = at(ctx);
        // `#pragma version Name 1.2` or `#pragma ID Name "IDL:...:1.0"`
        std::istringstream words(ctx->getText());
        std::string word;
        std::vector<std::string> parts;
        while (words >> word) parts.push_back(word);
        std::size_t i = 0;
        if (i < parts.size() && parts[i] == "#") ++i;
        if (i < parts.size() && (parts[i] == "#pragma" || parts[i] == "pragma")) ++i;
        if (parts.size() != i + 3) {
            diagnostics_.error(where, "malformed #pragma: expected `#pragma version NAME X.Y` or "
                                      "`#pragma ID NAME \"id\"`");
            return nullptr;
        }
        auto def = std::make_unique<Definition>();
        def->kind = parts[i] == "version" ? Kind::pragma_version : Kind::pragma_id;
        def->location = where;
        def->pragma_target.location = where;
        std::string name = parts[i + 1];
        if (name.rfind("::", 0) == 0) {
            def->pragma_target.global = true;
            name.erase(0, 2);
        }
        for (std::size_t start = 0;;) {
            const auto end = name.find("::", start);
            def->pragma_target.parts.push_back(name.substr(start, end - start));
            if (end == std::string::npos) break;
            start = end + 2;
        }
        std::string text = parts[i + 2];
        if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
        def->pragma_text = text;
        return def;
    }

    DefinitionPtr const_dcl(P::Const_dclContext* ctx, std::vector<DefinitionPtr>& out) {
        auto def = new_definition(Kind::const_, ctx->identifier());
        def->type = type_spec(ctx->type_spec(), out);
        def->value = const_exp(ctx->const_exp());
        return def;
    }

    DefinitionPtr except_dcl(P::Except_dclContext* ctx) {
        auto def = new_definition(Kind::exception, ctx->identifier());
        for (auto* m : ctx->member()) def->members.push_back(member(m, def->body));
        return def;
    }

    DefinitionPtr interface_dcl(P::Interface_dclContext* ctx) {
        if (auto* fwd = dynamic_cast<P::InterfaceForwardContext*>(ctx)) {
            auto def = new_definition(Kind::interface_forward, fwd->identifier());
            interface_kind(fwd->interface_kind());
            return def;
        }
        auto* full = dynamic_cast<P::InterfaceDefContext*>(ctx);
        auto def = new_definition(Kind::interface, full->identifier());
        interface_kind(full->interface_kind());
        if (auto* inh = full->interface_inheritance()) {
            for (auto* base : inh->scoped_name()) def->bases.push_back(scoped_name(base));
        }
        scope(def->name, full->getStop(), [&] {
            for (auto* e : full->export_()) export_(e, def->body);
        });
        return def;
    }

    void interface_kind(P::Interface_kindContext* ctx) {
        const std::string first = ctx->getStart()->getText();
        if (first == "abstract") {
            unsupported(at(ctx), "abstract interface");
        } else if (first == "local") {
            unsupported(at(ctx), "local interface");
        }
    }

    void export_(P::Export_Context* ctx, std::vector<DefinitionPtr>& out) {
        reach(ctx->getStart());
        ast::Annotations annotations = annotation_list(ctx->annotation_appl());
        const std::size_t first = out.size();
        if (auto* op = ctx->op_dcl()) {
            out.push_back(op_dcl(op, out));
        } else if (auto* attr = ctx->attr_dcl()) {
            out.push_back(attr_dcl(attr, out));
        } else if (auto* t = ctx->type_dcl()) {
            type_dcl(t, out);
        } else if (auto* c = ctx->const_dcl()) {
            out.push_back(const_dcl(c, out));
        } else if (auto* e = ctx->except_dcl()) {
            out.push_back(except_dcl(e));
        } else if (auto* u = ctx->unsupported_export()) {
            unsupported(at(u), u->getStart()->getText());
        } else if (auto* p = ctx->pragma_line()) {
            if (auto def = pragma(p)) out.push_back(std::move(def));
        }
        attach(annotations, out, first);
    }

    DefinitionPtr op_dcl(P::Op_dclContext* ctx, std::vector<DefinitionPtr>& out) {
        auto def = new_definition(Kind::operation, ctx->identifier());
        def->oneway = ctx->oneway != nullptr;
        if (ctx->op_type_spec()->type_spec() == nullptr) {
            def->is_void = true;
        } else {
            def->type = type_spec(ctx->op_type_spec()->type_spec(), out);
        }
        for (auto* p : ctx->param_dcl()) {
            ast::Parameter param;
            param.annotations = annotation_list(p->annotation_appl());
            const std::string dir = p->param_attribute()->getText();
            param.direction = dir == "in" ? ast::Direction::in
                              : dir == "out" ? ast::Direction::out
                                             : ast::Direction::inout;
            param.type = type_spec(p->type_spec(), out);
            check_keyword_clash(p->simple_declarator()->identifier());
            param.name = identifier(p->simple_declarator()->identifier());
            param.location = at(p->simple_declarator());
            def->parameters.push_back(std::move(param));
        }
        if (auto* r = ctx->raises_expr()) def->raises = exception_list(r->exception_list());
        if (auto* c = ctx->context_expr()) unsupported(at(c), "context clause");
        return def;
    }

    std::vector<ast::ScopedName> exception_list(P::Exception_listContext* ctx) {
        std::vector<ast::ScopedName> names;
        for (auto* n : ctx->scoped_name()) names.push_back(scoped_name(n));
        return names;
    }

    DefinitionPtr attr_dcl(P::Attr_dclContext* ctx, std::vector<DefinitionPtr>& out) {
        auto def = std::make_unique<Definition>();
        def->kind = Kind::attribute;
        def->readonly = ctx->readonly != nullptr;
        def->type = type_spec(ctx->type_spec(), out);
        for (auto* d : ctx->simple_declarator()) {
            ast::Declarator declarator;
            check_keyword_clash(d->identifier());
            declarator.name = identifier(d->identifier());
            declarator.location = at(d);
            def->declarators.push_back(std::move(declarator));
        }
        def->name = def->declarators.front().name;
        def->location = def->declarators.front().location;
        reach(ctx->getStart());
        set_prefix(*def);
        def->from_main_file = source_.in_main_file(static_cast<int>(ctx->getStart()->getLine()));
        if (auto* r = ctx->attr_raises()) {
            std::string keyword;
            for (auto* child : r->children) {
                if (auto* list = dynamic_cast<P::Exception_listContext*>(child)) {
                    auto names = exception_list(list);
                    auto& target = keyword == "setraises" ? def->set_raises : def->raises;
                    for (auto& n : names) target.push_back(std::move(n));
                } else {
                    keyword = child->getText();
                }
            }
            if (def->readonly && !def->set_raises.empty()) {
                diagnostics_.error(at(r), "a readonly attribute cannot have setraises");
            }
        }
        return def;
    }

    // ---- types -----------------------------------------------------------------------------

    void type_dcl(P::Type_dclContext* ctx, std::vector<DefinitionPtr>& out) {
        if (auto* c = ctx->constr_type_dcl()) {
            out.push_back(constr_type_dcl(c));
        } else if (auto* n = ctx->native_dcl()) {
            auto def = new_definition(Kind::unsupported, n->identifier());
            unsupported(at(n), "native");
            out.push_back(std::move(def));
        } else if (auto* t = ctx->typedef_dcl()) {
            auto def = std::make_unique<Definition>();
            def->kind = Kind::typedef_;
            def->type = type_spec(t->type_spec(), out);
            for (auto* d : t->declarators()->declarator()) def->declarators.push_back(declarator(d));
            def->name = def->declarators.front().name;
            def->location = def->declarators.front().location;
            reach(t->getStart());
            set_prefix(*def);
            def->from_main_file = source_.in_main_file(static_cast<int>(t->getStart()->getLine()));
            out.push_back(std::move(def));
        }
    }

    // Types declared inline in a struct or union go into its body.
    DefinitionPtr constr_type_dcl(P::Constr_type_dclContext* ctx) {
        if (auto* s = ctx->struct_dcl()) {
            if (auto* fwd = dynamic_cast<P::StructForwardContext*>(s)) {
                return new_definition(Kind::struct_forward, fwd->identifier());
            }
            auto* full = dynamic_cast<P::StructDefContext*>(s);
            auto def = new_definition(Kind::struct_, full->identifier());
            if (full->scoped_name() != nullptr) unsupported(at(full->scoped_name()), "struct inheritance");
            for (auto* m : full->member()) def->members.push_back(member(m, def->body));
            return def;
        }
        if (auto* u = ctx->union_dcl()) {
            if (auto* fwd = dynamic_cast<P::UnionForwardContext*>(u)) {
                return new_definition(Kind::union_forward, fwd->identifier());
            }
            auto* full = dynamic_cast<P::UnionDefContext*>(u);
            auto def = new_definition(Kind::union_, full->identifier());
            def->type = type_spec(full->type_spec(), def->body);
            for (auto* c : full->case_()) {
                ast::UnionCase union_case;
                for (auto* label : c->case_label()) {
                    ast::CaseLabel l;
                    l.location = at(label);
                    if (label->const_exp() != nullptr) l.value = const_exp(label->const_exp());
                    union_case.labels.push_back(std::move(l));
                }
                union_case.annotations = annotation_list(c->annotation_appl());
                union_case.type = type_spec(c->type_spec(), def->body);
                union_case.declarator = declarator(c->declarator());
                def->cases.push_back(std::move(union_case));
            }
            return def;
        }
        if (auto* e = ctx->enum_dcl()) {
            auto def = new_definition(Kind::enum_, e->identifier());
            for (auto* en : e->enumerator()) {
            check_keyword_clash(en->identifier());
                def->enumerators.push_back(
                    {identifier(en->identifier()), at(en->identifier()), annotation_list(en->annotation_appl())});
            }
            return def;
        }
        if (auto* b = ctx->bitset_dcl()) {
            auto def = new_definition(Kind::unsupported, b->identifier());
            unsupported(at(b), "bitset");
            return def;
        }
        auto* m = ctx->bitmask_dcl();
        auto def = new_definition(Kind::unsupported, m->identifier());
        unsupported(at(m), "bitmask");
        return def;
    }

    ast::Member member(P::MemberContext* ctx, std::vector<DefinitionPtr>& hoist_into) {
        ast::Member m;
        m.annotations = annotation_list(ctx->annotation_appl());
        m.type = type_spec(ctx->type_spec(), hoist_into);
        for (auto* d : ctx->declarators()->declarator()) m.declarators.push_back(declarator(d));
        return m;
    }

    ast::Declarator declarator(P::DeclaratorContext* ctx) {
        ast::Declarator d;
        check_keyword_clash(ctx->identifier());
        d.name = identifier(ctx->identifier());
        d.location = at(ctx->identifier());
        for (auto* size : ctx->fixed_array_size()) d.dimensions.push_back(const_exp(size->const_exp()));
        return d;
    }

    ast::TypeSpec type_spec(P::Type_specContext* ctx, std::vector<DefinitionPtr>& hoist_into) {
        ast::TypeSpec t;
        t.location = at(ctx);
        if (auto* base = ctx->base_type()) {
            base_type(base, t);
        } else if (auto* tmpl = ctx->template_type()) {
            template_type(tmpl, t, hoist_into);
        } else if (auto* name = ctx->scoped_name()) {
            t.kind = ast::TypeSpec::Kind::named;
            t.name = scoped_name(name);
        } else if (auto* constr = ctx->constr_type_dcl()) {
            auto def = constr_type_dcl(constr);
            t.kind = ast::TypeSpec::Kind::named;
            t.name.parts.push_back(def->name);
            t.name.location = def->location;
            hoist_into.push_back(std::move(def));
        }
        return t;
    }

    void base_type(P::Base_typeContext* ctx, ast::TypeSpec& t) {
        std::string text;
        for (auto* child : ctx->children) {
            if (!text.empty()) text += ' ';
            text += child->getText();
        }
        using Pr = ast::Primitive;
        static const std::vector<std::pair<std::string, Pr>> primitives = {
            {"boolean", Pr::boolean}, {"char", Pr::char_}, {"octet", Pr::octet},
            {"short", Pr::short_}, {"unsigned short", Pr::unsigned_short}, {"long", Pr::long_},
            {"unsigned long", Pr::unsigned_long}, {"long long", Pr::long_long},
            {"unsigned long long", Pr::unsigned_long_long}, {"float", Pr::float_}, {"double", Pr::double_},
        };
        for (const auto& [name, kind] : primitives) {
            if (text == name) {
                t.kind = ast::TypeSpec::Kind::primitive;
                t.primitive = kind;
                return;
            }
        }
        if (text == "Object") {
            t.kind = ast::TypeSpec::Kind::object;
            return;
        }
        t.kind = ast::TypeSpec::Kind::unsupported;
        unsupported(t.location, text);
    }

    void template_type(P::Template_typeContext* ctx, ast::TypeSpec& t, std::vector<DefinitionPtr>& hoist_into) {
        if (auto* seq = dynamic_cast<P::SequenceTypeContext*>(ctx)) {
            t.kind = ast::TypeSpec::Kind::sequence;
            t.element = std::make_unique<ast::TypeSpec>(type_spec(seq->type_spec(), hoist_into));
            if (seq->const_exp() != nullptr) t.bound = const_exp(seq->const_exp());
        } else if (auto* str = dynamic_cast<P::StringTypeContext*>(ctx)) {
            t.kind = ast::TypeSpec::Kind::string;
            if (str->const_exp() != nullptr) t.bound = const_exp(str->const_exp());
        } else {
            t.kind = ast::TypeSpec::Kind::unsupported;
            unsupported(t.location, ctx->getStart()->getText());
        }
    }

    ast::ScopedName scoped_name(P::Scoped_nameContext* ctx) {
        ast::ScopedName name;
        name.global = ctx->global != nullptr;
        name.location = at(ctx);
        for (auto* id : ctx->identifier()) name.parts.push_back(identifier(id));
        return name;
    }

    DefinitionPtr unsupported_dcl(P::Unsupported_dclContext* ctx) {
        auto def = std::make_unique<Definition>();
        def->kind = Kind::unsupported;
        def->location = at(ctx);
        std::string construct;
        P::IdentifierContext* name = nullptr;
        if (auto* v = dynamic_cast<P::ValuetypeDclContext*>(ctx)) {
            construct = "valuetype", name = v->identifier();
        } else if (auto* e = dynamic_cast<P::EventtypeDclContext*>(ctx)) {
            construct = "eventtype", name = e->identifier();
        } else if (auto* c = dynamic_cast<P::ComponentDclContext*>(ctx)) {
            construct = "component", name = c->identifier();
        } else if (auto* h = dynamic_cast<P::HomeDclContext*>(ctx)) {
            construct = "home", name = h->identifier();
        } else {
            construct = ctx->getStart()->getText();
        }
        if (name != nullptr) {
            def->name = identifier(name);
            def->location = at(name);
        }
        unsupported(at(ctx), construct);
        return def;
    }

    // ---- annotations ---------------------------------------------------------------------

    ast::Annotations annotation_list(const std::vector<P::Annotation_applContext*>& list) {
        ast::Annotations annotations;
        for (auto* a : list) {
            ast::Annotation annotation;
            annotation.name = scoped_name(a->scoped_name());
            annotation.location = at(a);
            if (auto* params = a->annotation_params()) {
                if (params->const_exp() != nullptr) {
                    annotation.params.emplace_back("", const_exp(params->const_exp()));
                }
                for (auto* p : params->annotation_param()) {
                    annotation.params.emplace_back(identifier(p->identifier()), const_exp(p->const_exp()));
                }
            }
            annotations.push_back(std::move(annotation));
        }
        return annotations;
    }

    // ---- constant expressions ------------------------------------------------------------

    // The evaluator recurses once per operator on a path down the tree, and a chain such as
    // `0 + 1 + ... + 1` parses as a loop but makes a left-deep tree, one level per operator.
    // So the depth is counted here, as the tree is built, and an expression deeper than this
    // is reported at its start and becomes an `invalid` one, which evaluates to nothing.
    static constexpr int max_expression_depth = 256;

    struct Built {
        ExprPtr expr;
        int depth = 0;  // operators on the longest path down
    };

    ExprPtr const_exp(P::Const_expContext* ctx) { return expression(ctx->or_expr()).expr; }

    // One of or_expr ... mult_expr: operands joined left to right by that level's operators.
    Built expression(antlr4::ParserRuleContext* ctx) {
        if (auto* u = dynamic_cast<P::Unary_exprContext*>(ctx)) return unary(u);
        Built result;
        std::string op;
        for (auto* child : ctx->children) {
            if (auto* rule = dynamic_cast<P::Shift_opContext*>(child)) {
                op = rule->getText();
            } else if (auto* sub = dynamic_cast<antlr4::ParserRuleContext*>(child)) {
                Built operand = expression(sub);
                if (operand.expr->kind == Expr::Kind::invalid) return operand;
                if (!result.expr) {
                    result = std::move(operand);
                    continue;
                }
                const int depth = std::max(result.depth, operand.depth) + 1;
                if (depth > max_expression_depth) return too_deep(ctx);
                auto node = std::make_unique<Expr>();
                node->kind = Expr::Kind::binary;
                node->location = result.expr->location;
                node->op = op;
                node->lhs = std::move(result.expr);
                node->rhs = std::move(operand.expr);
                result = {std::move(node), depth};
            } else {
                op = child->getText();
            }
        }
        return result;
    }

    Built unary(P::Unary_exprContext* ctx) {
        if (ctx->unary_op != nullptr) {
            Built operand = unary(ctx->unary_expr());
            if (operand.expr->kind == Expr::Kind::invalid) return operand;
            if (operand.depth + 1 > max_expression_depth) return too_deep(ctx);
            auto node = std::make_unique<Expr>();
            node->kind = Expr::Kind::unary;
            node->location = at(ctx);
            node->op = ctx->unary_op->getText();
            node->lhs = std::move(operand.expr);
            return {std::move(node), operand.depth + 1};
        }
        auto* primary = ctx->primary_expr();
        if (primary->const_exp() != nullptr) return expression(primary->const_exp()->or_expr());
        auto node = std::make_unique<Expr>();
        node->location = at(primary);
        if (auto* name = primary->scoped_name()) {
            node->kind = Expr::Kind::name;
            node->name = scoped_name(name);
            return {std::move(node), 0};
        }
        literal(primary->literal(), *node);
        return {std::move(node), 0};
    }

    Built too_deep(antlr4::ParserRuleContext* ctx) {
        auto node = std::make_unique<Expr>();
        node->kind = Expr::Kind::invalid;
        node->location = at(ctx);
        diagnostics_.error(node->location, "constant expression deeper than " + std::to_string(max_expression_depth) +
                                               " levels is not supported (split it into several constants)");
        return {std::move(node), 0};
    }

    void literal(P::LiteralContext* ctx, Expr& e) {
        if (auto* i = ctx->INTEGER_LITERAL()) {
            e.kind = Expr::Kind::integer;
            e.integer = integer_literal(i->getText(), e.location);
        } else if (auto* f = ctx->FLOATING_PT_LITERAL()) {
            e.kind = Expr::Kind::floating;
            e.floating = std::strtold(f->getText().c_str(), nullptr);
        } else if (auto* c = ctx->CHARACTER_LITERAL()) {
            e.kind = Expr::Kind::character;
            const std::string text = c->getText();
            e.text = unescape(text.substr(1, text.size() - 2), e.location);
            if (e.text.size() != 1) diagnostics_.error(e.location, "a character literal holds one character");
        } else if (!ctx->STRING_LITERAL().empty()) {
            e.kind = Expr::Kind::string;
            for (auto* s : ctx->STRING_LITERAL()) {
                const std::string text = s->getText();
                e.text += unescape(text.substr(1, text.size() - 2), e.location);
            }
            if (e.text.find('\0') != std::string::npos) {
                diagnostics_.error(e.location, "a string literal cannot contain a NUL character");
            }
        } else if (ctx->FIXED_PT_LITERAL() != nullptr) {
            e.kind = Expr::Kind::integer;
            unsupported(e.location, "fixed-point literal");
        } else if (ctx->WIDE_CHARACTER_LITERAL() != nullptr || !ctx->WIDE_STRING_LITERAL().empty()) {
            e.kind = Expr::Kind::integer;
            unsupported(e.location, ctx->WIDE_CHARACTER_LITERAL() != nullptr ? "wide character literal"
                                                                             : "wide string literal");
        } else {
            e.kind = Expr::Kind::boolean;
            e.boolean = ctx->getText() == "TRUE";
        }
    }

    std::uint64_t integer_literal(const std::string& text, const SourceLocation& where) {
        unsigned base = 10;
        std::size_t i = 0;
        if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
            base = 16, i = 2;
        } else if (text.size() > 1 && text[0] == '0') {
            base = 8, i = 1;
        }
        std::uint64_t value = 0;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            const unsigned digit = std::isdigit(static_cast<unsigned char>(c))
                                       ? static_cast<unsigned>(c - '0')
                                       : static_cast<unsigned>(std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
            if (digit >= base) {
                diagnostics_.error(where, "invalid digit '" + std::string(1, c) + "' in an octal literal");
                return 0;
            }
            if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / base) {
                diagnostics_.error(where, "integer literal " + text + " is too large for any IDL integer type");
                return 0;
            }
            value = value * base + digit;
        }
        return value;
    }

    std::string unescape(const std::string& text, const SourceLocation& where) {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '\\' || i + 1 >= text.size()) {
                out += text[i];
                continue;
            }
            const char c = text[++i];
            switch (c) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'v': out += '\v'; break;
                case 'b': out += '\b'; break;
                case 'r': out += '\r'; break;
                case 'f': out += '\f'; break;
                case 'a': out += '\a'; break;
                case 'x': {
                    unsigned value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1]))) {
                        const char h = static_cast<char>(std::tolower(static_cast<unsigned char>(text[++i])));
                        value = value * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : h - 'a' + 10);
                        ++digits;
                    }
                    out += static_cast<char>(value);
                    break;
                }
                case 'u':
                    unsupported(where, "\\u escape (wide characters)");
                    break;
                default:
                    if (c >= '0' && c <= '7') {
                        unsigned value = static_cast<unsigned>(c - '0');
                        for (int digits = 1; digits < 3 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7'; ++digits) {
                            value = value * 8 + static_cast<unsigned>(text[++i] - '0');
                        }
                        if (value > 255) diagnostics_.error(where, "octal escape out of range");
                        out += static_cast<char>(value & 0xff);
                    } else {
                        out += c;  // \\ \? \' \"
                    }
            }
        }
        return out;
    }

    const PreprocessedSource& source_;
    DiagnosticSink& diagnostics_;
    ast::Specification* spec_ = nullptr;
    Prefix prefix_;
    std::string scope_;  // the module or interface being built ("::A::I"), "" at file level
    std::vector<Inclusion> inclusions_{Inclusion{}};
    std::size_t next_pragma_ = 0;  // the first of source_.prefix_pragmas not applied yet
};

}  // namespace

std::optional<ast::Specification> build_ast(grammar::IdlParser::SpecificationContext* tree,
                                            const PreprocessedSource& source, DiagnosticSink& diagnostics) {
    AstBuilder builder(source, diagnostics);
    return builder.build(tree);
}

std::string ast::ScopedName::text() const {
    std::string out = global ? "::" : "";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i != 0) out += "::";
        out += parts[i];
    }
    return out;
}

}  // namespace corbel::idl
