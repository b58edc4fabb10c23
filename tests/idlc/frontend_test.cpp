// The front end's model: names, repository ids and pragmas, includes and line markers,
// constants, unions, interfaces and method ids, annotations, and the JSON form.
#include "idl_test_support.hpp"
#include "scratch_dir.hpp"

#include <corbel/idl/json.hpp>
#include <corbel/idl/preprocess.hpp>
#include <corbel/method_id.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

namespace fs = std::filesystem;
using corbel::idl::Declaration;
using corbel::idl::Type;

namespace {

using Scratch = corbel_test::ScratchDir;

corbel::idl::Result compile_text(const Scratch& scratch, const std::string& text,
                                 std::vector<std::string> defines = {}) {
    corbel::idl::Options options;
    options.file = scratch.write("main.idl", text).string();
    options.include_dirs.push_back(scratch.dir().string());
    options.defines = std::move(defines);
    return corbel::idl::compile(options);
}

std::string messages(const corbel::idl::Result& result, const Scratch& scratch) {
    return corbel_idl_test::rendered_diagnostics(result, scratch.dir());
}

}  // namespace

TEST_CASE("repository ids follow #pragma prefix, version and ID, per file") {
    Scratch scratch;
    scratch.write("other.idl", "module Other { struct T { long a; }; };\n");
    const auto result = compile_text(scratch,
                                     "#pragma prefix \"example.org\"\n"
                                     "#include \"other.idl\"\n"
                                     "module M {\n"
                                     "  struct S { long a; };\n"
                                     "  struct V { long a; };\n"
                                     "  struct I { long a; };\n"
                                     "#pragma version V 2.3\n"
                                     "#pragma ID I \"LOCAL:custom\"\n"
                                     "};\n");
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    const auto& model = *result.model;
    CHECK(model.find("::M::S")->repository_id == "IDL:example.org/M/S:1.0");
    CHECK(model.find("M::V")->repository_id == "IDL:example.org/M/V:2.3");
    CHECK(model.find("::M::I")->repository_id == "LOCAL:custom");
    // an included file starts without the includer's prefix
    const Declaration* t = model.find("::Other::T");
    REQUIRE(t != nullptr);
    CHECK(t->repository_id == "IDL:Other/T:1.0");
    CHECK_FALSE(t->from_main_file);
    CHECK(t->location.file == (scratch.dir() / "other.idl").string());
    CHECK(t->location.line == 1);
    CHECK(model.included_files.size() == 1);
}

TEST_CASE("a prefix set inside a module ends with it and names from there, as omniidl does") {
    Scratch scratch;
    const auto result = compile_text(scratch,
                                     "#pragma prefix \"top\"\n"
                                     "module A {\n"
                                     "#pragma prefix \"x\"\n"
                                     "  struct S { long a; };\n"
                                     "  module B { struct Deep { long d; }; };\n"
                                     "};\n"
                                     "interface I2 {};\n"
                                     "module C { struct CS { long c; }; };\n");
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    const auto& model = *result.model;
    CHECK(model.find("::A")->repository_id == "IDL:top/A:1.0");
    CHECK(model.find("::A::S")->repository_id == "IDL:x/S:1.0");
    CHECK(model.find("::A::B::Deep")->repository_id == "IDL:x/B/Deep:1.0");
    CHECK(model.find("::I2")->repository_id == "IDL:top/I2:1.0");
    CHECK(model.find("::C::CS")->repository_id == "IDL:top/C/CS:1.0");
}

TEST_CASE("a prefix ends with its module even when the next declaration shares the closing line") {
    Scratch scratch;
    const auto result = compile_text(scratch,
                                     "module M {\n"
                                     "#pragma prefix \"inner.org\"\n"
                                     "  struct S { long a; };\n"
                                     "}; struct T { long b; };\n"
                                     "interface I {\n"
                                     "#pragma prefix \"i.org\"\n"
                                     "  void f();\n"
                                     "}; struct U { long c; };\n"
                                     "module N { struct Members {\n"
                                     "#pragma prefix \"members.org\"\n"
                                     "  long d; }; struct After { long e; };\n"
                                     "}; struct Outside { long f; };\n");
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    const auto& model = *result.model;
    CHECK(model.find("::M::S")->repository_id == "IDL:inner.org/S:1.0");
    CHECK(model.find("::T")->repository_id == "IDL:T:1.0");
    CHECK(model.find("::I")->repository_id == "IDL:I:1.0");
    CHECK(model.find("::U")->repository_id == "IDL:U:1.0");
    // a prefix pragma among a struct's members holds from there to the end of the module
    CHECK(model.find("::N::Members")->repository_id == "IDL:N/Members:1.0");
    CHECK(model.find("::N::After")->repository_id == "IDL:members.org/After:1.0");
    CHECK(model.find("::Outside")->repository_id == "IDL:Outside:1.0");
}

TEST_CASE("a prefix set in an included file stays in it, each time it is included") {
    Scratch scratch;
    scratch.write("item.idl",
                  "#ifdef SET\n"
                  "#pragma prefix \"inc.org\"\n"
                  "#endif\n"
                  "struct NAME { long a; };\n");
    const auto result = compile_text(scratch,
                                     "#pragma prefix \"main.org\"\n"
                                     "module A {\n"
                                     "#define SET\n"
                                     "#define NAME Inner\n"
                                     "#include \"item.idl\"\n"
                                     "  struct AfterA { long a; };\n"
                                     "#undef NAME\n"
                                     "#define NAME First\n"
                                     "#include \"item.idl\"\n"
                                     "#undef SET\n"
                                     "#undef NAME\n"
                                     "#define NAME Second\n"
                                     "#include \"item.idl\"\n"
                                     "};\n"
                                     "struct Last { long a; };\n");
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    const auto& model = *result.model;
    // an included file starts without a prefix, and its own is gone after it, even when the
    // same file comes next
    CHECK(model.find("::A::Inner")->repository_id == "IDL:inc.org/Inner:1.0");
    CHECK(model.find("::A::AfterA")->repository_id == "IDL:main.org/A/AfterA:1.0");
    CHECK(model.find("::A::First")->repository_id == "IDL:inc.org/First:1.0");
    CHECK(model.find("::A::Second")->repository_id == "IDL:A/Second:1.0");
    CHECK(model.find("::Last")->repository_id == "IDL:main.org/Last:1.0");
}

TEST_CASE("a #pragma prefix without its prefix is an error at the pragma") {
    Scratch scratch;
    const auto result = compile_text(scratch, "module M {\n#pragma prefix\n};\n");
    CHECK(messages(result, scratch) == "main.idl:2:1: error: #pragma prefix needs a quoted prefix\n");
}

namespace {

// Many modules, each setting its own prefix: every declaration gets its module's prefix, and
// the work grows with the number of declarations, not their square.
std::string modules_with_prefixes(int count) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        const std::string n = std::to_string(i);
        text += "module M" + n + " {\n#pragma prefix \"p" + n + ".org\"\n  struct S { long a; };\n};\n";
    }
    return text;
}

}  // namespace

TEST_CASE("a prefix in each of 1100 modules names each module's declarations") {
    Scratch scratch;
    const auto result = compile_text(scratch, modules_with_prefixes(1100));
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    const auto& model = *result.model;
    CHECK(model.find("::M0")->repository_id == "IDL:M0:1.0");
    CHECK(model.find("::M0::S")->repository_id == "IDL:p0.org/S:1.0");
    CHECK(model.find("::M1001")->repository_id == "IDL:M1001:1.0");
    CHECK(model.find("::M1001::S")->repository_id == "IDL:p1001.org/S:1.0");
    CHECK(model.find("::M1099::S")->repository_id == "IDL:p1099.org/S:1.0");
}

TEST_CASE("8000 modules each setting a prefix compile") {
    Scratch scratch;
    const auto result = compile_text(scratch, modules_with_prefixes(8000));
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    CHECK(result.model->find("::M7999::S")->repository_id == "IDL:p7999.org/S:1.0");
}

TEST_CASE("cpp's pseudo files are not recorded as files; line markers map lines back") {
    corbel::idl::DiagnosticSink sink;
    const auto source = corbel::idl::undo_line_markers("main.idl",
                                                       "# 0 \"main.idl\"\n"
                                                       "# 0 \"<built-in>\"\n"
                                                       "# 0 \"<command-line>\"\n"
                                                       "# 1 \"main.idl\"\n"
                                                       "struct A { long a; };\n"
                                                       "# 1 \"inc.idl\" 1\n"
                                                       "struct B { long b; };\n"
                                                       "# 2 \"main.idl\" 2\n"
                                                       "struct C { long c; };\n",
                                                       sink);
    CHECK(source.files == std::vector<std::string>{"main.idl", "inc.idl"});
    CHECK(source.locate(5, 1).file == "main.idl");
    CHECK(source.locate(5, 1).line == 1);
    CHECK(source.locate(7, 1).file == "inc.idl");
    CHECK(source.locate(7, 1).line == 1);
    CHECK(source.locate(9, 1).file == "main.idl");
    CHECK(source.locate(9, 1).line == 2);
    CHECK(source.includers == std::vector<int>{-1, 0});
    CHECK(sink.diagnostics().empty());
}

TEST_CASE("errors in included files name that file and line; -D reaches the preprocessor") {
    Scratch scratch;
    scratch.write("bad.idl", "\n\nstruct B { Missing m; };\n");
    auto result = compile_text(scratch, "#include \"bad.idl\"\n");
    CHECK(messages(result, scratch) == "bad.idl:3:12: error: 'Missing' is not declared\n");
    result = compile_text(scratch, "#ifdef WANT\nstruct S { long a; };\n#endif\n", {"WANT"});
    REQUIRE(result.ok());
    CHECK(result.model->find("S") != nullptr);
    result = compile_text(scratch, "#include \"nothing.idl\"\n");
    CHECK_FALSE(result.ok());
    CHECK(messages(result, scratch).find("nothing.idl") != std::string::npos);
}

TEST_CASE("reopened modules share one scope; typedefs resolve to their target") {
    Scratch scratch;
    const auto result = compile_text(scratch,
                                     "module A { typedef sequence<long, 4> Longs; };\n"
                                     "module A { typedef Longs Again; struct S { Again x[2][3]; }; };\n");
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    const Declaration* s = result.model->find("::A::S");
    REQUIRE(s != nullptr);
    const Type* member = s->members.at(0).type;
    CHECK(member->kind == Type::Kind::array);
    CHECK(member->dimensions == std::vector<std::uint32_t>{2, 3});
    const Type& resolved = member->element->resolved();
    CHECK(resolved.kind == Type::Kind::sequence);
    CHECK(resolved.bound == 4);
    CHECK(result.model->declarations.at(1)->first_declaration == result.model->declarations.at(0).get());
}

TEST_CASE("constants are evaluated with IDL's rules, enumerators and scoped names included") {
    Scratch scratch;
    const auto result = compile_text(scratch,
                                     "module M { const long BASE = 0x10; enum E { a, b }; };\n"
                                     "const unsigned short MASK = ~(unsigned short)0;\n");
    CHECK_FALSE(result.ok());  // a cast is not IDL
    const auto ok = compile_text(scratch,
                                 "module M { const long BASE = 0x10; enum E { a, b }; };\n"
                                 "const long long V = (M::BASE * 3 - 1) % 7 + (-8 >> 1) ^ 010;\n"
                                 "const unsigned short U = ~0;\n"
                                 "const M::E EV = M::b;\n"
                                 "const char C = '\\n';\n"
                                 "const double D = 1.5e3 * 2.0;\n");
    INFO(messages(ok, scratch));
    REQUIRE(ok.ok());
    const auto& model = *ok.model;
    CHECK(std::get<std::int64_t>(model.find("V")->value->value) == ((((16 * 3 - 1) % 7) + (-8 >> 1)) ^ 8));
    CHECK(std::get<std::uint64_t>(model.find("U")->value->value) == 0xffff);
    CHECK(std::get<corbel::idl::EnumeratorRef>(model.find("EV")->value->value).index == 1);
    CHECK(std::get<char>(model.find("C")->value->value) == '\n');
    CHECK(std::get<double>(model.find("D")->value->value) == 3000.0);
}

TEST_CASE("unions keep labels, the default case and a value selecting no member") {
    Scratch scratch;
    const auto result = compile_text(scratch,
                                     "enum E { x, y, z };\n"
                                     "union U switch (E) { case x: case y: long a; default: short b; };\n"
                                     "union F switch (char) { case 'a': long a; };\n");
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    const Declaration* u = result.model->find("U");
    REQUIRE(u->cases.size() == 2);
    CHECK(u->cases[0].labels.size() == 2);
    CHECK(u->default_case == std::size_t{1});
    CHECK(std::get<corbel::idl::EnumeratorRef>(u->default_label->value).index == 2);
    const Declaration* f = result.model->find("F");
    CHECK_FALSE(f->default_case.has_value());
    CHECK(std::get<char>(f->default_label->value) == '\0');
}

TEST_CASE("interfaces: inheritance, operations, attributes and their method ids") {
    Scratch scratch;
    const auto result = compile_text(scratch,
                                     "interface Later;\n"
                                     "exception Oops { string why; };\n"
                                     "interface Base { readonly attribute long size; attribute string name; };\n"
                                     "interface Left : Base { };\n"
                                     "interface Right : Base { };\n"
                                     "interface Both : Left, Right {\n"
                                     "  oneway void ping(in long n);\n"
                                     "  long op(in long a, out string b, inout Later c) raises (Oops);\n"
                                     "};\n");
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    const Declaration* both = result.model->find("Both");
    CHECK(both->bases.size() == 2);
    const auto all = corbel::idl::all_operations_and_attributes(*both);
    REQUIRE(all.size() == 4);  // the diamond's Base counted once
    const Declaration* size = result.model->find("Base::size");
    CHECK(size->readonly);
    CHECK(size->method_id == corbel::method_id("_get_size"));
    const Declaration* name = result.model->find("Base::name");
    CHECK(name->set_method_id == corbel::method_id("_set_name"));
    const Declaration* op = result.model->find("Both::op");
    CHECK(op->method_id == corbel::method_id("op"));
    REQUIRE(op->parameters.size() == 3);
    CHECK(op->parameters[1].direction == corbel::idl::Direction::out);
    CHECK(op->parameters[2].type->declaration == result.model->find("Later"));
    CHECK_FALSE(result.model->find("Later")->defined);
    CHECK(op->raises.at(0) == result.model->find("Oops"));
    CHECK(result.model->find("Both::ping")->oneway);
}

TEST_CASE("annotations are kept; unknown ones are warned about, not refused") {
    Scratch scratch;
    const auto result = compile_text(scratch,
                                     "@topic struct S { @key long id; @optional @id(3) string name; @mine(x=1) short s; };\n"
                                     "@annotation declared { long level; };\n"
                                     "@declared(level=2) struct T { long a; };\n");
    REQUIRE(result.ok());
    const Declaration* s = result.model->find("S");
    CHECK(s->annotations.at(0).name == "topic");
    CHECK(s->members.at(0).annotations.at(0).name == "key");
    CHECK(std::get<std::int64_t>(s->members.at(1).annotations.at(1).params.at(0).second.value) == 3);
    CHECK(result.model->find("T")->annotations.at(0).params.at(0).first == "level");
    CHECK(messages(result, scratch) == "main.idl:1:63: warning: unknown annotation @mine (kept in the model)\n");
}

TEST_CASE("--emit json carries the schema version, types, ids and positions") {
    Scratch scratch;
    const auto result = compile_text(scratch, "module M { struct P { string<5> n; }; interface I { P get(); }; };\n");
    REQUIRE(result.ok());
    const auto json = nlohmann::json::parse(corbel::idl::to_json(*result.model));
    CHECK(json["schema"] == "corbel-idl-model");
    CHECK(json["version"] == corbel::idl::json_schema_version);
    const auto& m = json["declarations"][0];
    CHECK(m["kind"] == "module");
    const auto& p = m["contents"][0];
    CHECK(p["repository_id"] == "IDL:M/P:1.0");
    CHECK(p["members"][0]["type"]["bound"] == 5);
    CHECK(p["location"]["line"] == 1);
    const auto& get = m["contents"][1]["contents"][0];
    CHECK(get["method_id"] == corbel::method_id("get"));
    CHECK(get["result"]["name"] == "::M::P");
}

TEST_CASE("IDL text is ISO 8859-1: a Latin-1 byte in a literal is kept, a stray one is reported") {
    Scratch scratch;
    // "caf\xe9" is Latin-1, "\xc3\xa9" UTF-8: each literal keeps its bytes as they are
    const auto result = compile_text(scratch,
                                     "const string S = \"caf\xe9\";\n"
                                     "const char C = '\xe9';\n"
                                     "const string U = \"caf\xc3\xa9\"; const long After = 1;\n");
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    CHECK(std::get<std::string>(result.model->find("S")->value->value) == "caf\xe9");
    CHECK(std::get<char>(result.model->find("C")->value->value) == '\xe9');
    CHECK(std::get<std::string>(result.model->find("U")->value->value) == "caf\xc3\xa9");
    CHECK(result.model->find("After")->location.column == 38);  // columns count bytes
    // JSON holds UTF-8 only: bytes that are not print as U+FFFD
    const auto json = nlohmann::json::parse(corbel::idl::to_json(*result.model));
    CHECK(json["declarations"][0]["value"]["value"] == "caf\xef\xbf\xbd");
    CHECK(json["declarations"][2]["value"]["value"] == "caf\xc3\xa9");

    const auto bad = compile_text(scratch, "const long A = 1;\xe9\n");
    CHECK(messages(bad, scratch) == "main.idl:1:18: error: syntax error: unexpected '\\xe9'\n");
}

TEST_CASE("shifts are not brackets, and an overlong operator chain is an error, not a stack overflow") {
    Scratch scratch;
    std::string shifts;
    for (int i = 0; i < 300; ++i) shifts += "const long C" + std::to_string(i) + " = 1 << 2;\n";
    shifts += "typedef sequence<sequence<long, 1 << 3>, (16 >> 1)> Nested;\n";
    const auto ok = compile_text(scratch, shifts);
    INFO(messages(ok, scratch));
    REQUIRE(ok.ok());
    CHECK(std::get<std::int64_t>(ok.model->find("C299")->value->value) == 4);
    CHECK(ok.model->find("Nested")->type->bound == 8);

    std::string chain = "const long Sum = 0";
    for (int i = 0; i < 20000; ++i) chain += " + 1";
    const auto bad = compile_text(scratch, chain + ";\ntypedef sequence<long, " + chain.substr(16) + "> S;\n");
    CHECK(messages(bad, scratch) ==
          "main.idl:1:18: error: constant expression deeper than 256 levels is not supported (split it into several constants)\n"
          "main.idl:2:24: error: constant expression deeper than 256 levels is not supported (split it into several constants)\n");
    // 256 operators are still fine
    std::string longest = "const long Sum = 0";
    for (int i = 0; i < 256; ++i) longest += " + 1";
    const auto fine = compile_text(scratch, longest + ";\n");
    INFO(messages(fine, scratch));
    REQUIRE(fine.ok());
    CHECK(std::get<std::int64_t>(fine.model->find("Sum")->value->value) == 256);
}

TEST_CASE("annotations on several declarators are checked once and kept on each") {
    Scratch scratch;
    const auto result = compile_text(scratch,
                                     "struct S { @foo long a, b, c; };\n"
                                     "@bar typedef long T1, T2;\n"
                                     "interface I { @baz attribute long x, y; };\n");
    REQUIRE(result.ok());
    CHECK(messages(result, scratch) == "main.idl:1:12: warning: unknown annotation @foo (kept in the model)\n"
                                       "main.idl:2:1: warning: unknown annotation @bar (kept in the model)\n"
                                       "main.idl:3:15: warning: unknown annotation @baz (kept in the model)\n");
    for (const auto& m : result.model->find("S")->members) CHECK(m.annotations.at(0).name == "foo");
    CHECK(result.model->find("T2")->annotations.at(0).name == "bar");
    CHECK(result.model->find("I::y")->annotations.at(0).name == "baz");

    const auto bad = compile_text(scratch, "interface J { @protocol(X) attribute long p, q; };\n");
    CHECK(messages(bad, scratch) == "main.idl:1:15: error: @protocol takes RR or RRA (oneway operations use R)\n");
}

TEST_CASE("the name of a typedef or constant of an unsupported type stands for no declaration") {
    Scratch scratch;
    // the placeholder keeps uses quiet but is not a declaration: a pragma cannot give it an id
    // (it used to point at the declaration that was thrown away), nor can a module reopen it
    const auto result = compile_text(scratch,
                                     "typedef any A;\n"
                                     "#pragma ID A \"LOCAL:a\"\n"
                                     "const any C = 1;\n"
                                     "module C { };\n"
                                     "struct S { A a; };\n");
    CHECK(messages(result, scratch) == "main.idl:1:9: error: any is not supported\n"
                                       "main.idl:3:7: error: any is not supported\n"
                                       "main.idl:2:1: error: 'A' has no repository id\n"
                                       "main.idl:4:8: error: redefinition of 'C'\n"
                                       "main.idl:3:11: note: previously declared here\n");
}

TEST_CASE("a definition completing a forward declaration from an included file belongs to the main file") {
    Scratch scratch;
    scratch.write("fwd.idl", "module M { @note struct Node; typedef sequence<Node> Nodes; };\n");
    const auto result = compile_text(scratch,
                                     "#include \"fwd.idl\"\n"
                                     "module M { struct Node { long value; Nodes children; }; };\n");
    INFO(messages(result, scratch));
    REQUIRE(result.ok());
    const Declaration* node = result.model->find("::M::Node");
    REQUIRE(node != nullptr);
    CHECK(node->defined);
    CHECK(node->from_main_file);
    CHECK(node->location.file == (scratch.dir() / "main.idl").string());
    CHECK(node->location.line == 2);
    CHECK(node->annotations.empty());  // the definition's, not the forward declaration's
    // its parent is the main file's opening of M, whose contents hold it
    const Declaration* main_m = result.model->declarations.back().get();
    CHECK(main_m->from_main_file);
    CHECK(node->parent == main_m);
    REQUIRE(main_m->contents.size() == 1);
    CHECK(main_m->contents[0].get() == node);
}
