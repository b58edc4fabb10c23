// OMG IDL 4.2, building blocks Core Data Types, Interfaces Basic and Full, Anonymous Types and
// Annotations, written from the specification's grammar.
//
// The grammar only recognises syntax. It also accepts the constructs corbel does not support
// yet (valuetypes, any, fixed, wide characters, maps, bitsets, ...) so that the AST builder can
// name them with "not supported" at their exact position instead of a syntax error. Every
// semantic rule (scoping, types of constants, label ranges, oneway rules) lives in sema.
grammar Idl;

specification : definition* EOF ;

definition
    : annotation_appl* module_dcl ';'
    | annotation_appl* const_dcl ';'
    | annotation_appl* except_dcl ';'
    | annotation_appl* interface_dcl ';'
    | annotation_appl* type_dcl ';'
    | annotation_appl* unsupported_dcl ';'
    | annotation_dcl ';'
    | pragma_line
    ;

pragma_line : PRAGMA ;

module_dcl : 'module' identifier '{' definition* '}' ;

// ---- interfaces -------------------------------------------------------------------------

interface_dcl
    : interface_kind identifier interface_inheritance? '{' export_* '}'   # interfaceDef
    | interface_kind identifier                                         # interfaceForward
    ;

interface_kind : ('abstract' | 'local')? 'interface' ;

interface_inheritance : ':' scoped_name (',' scoped_name)* ;

export_
    : annotation_appl* op_dcl ';'
    | annotation_appl* attr_dcl ';'
    | annotation_appl* type_dcl ';'
    | annotation_appl* const_dcl ';'
    | annotation_appl* except_dcl ';'
    | annotation_appl* unsupported_export ';'
    | pragma_line
    ;

op_dcl : oneway='oneway'? op_type_spec identifier '(' (param_dcl (',' param_dcl)*)? ')' raises_expr? context_expr? ;

op_type_spec : 'void' | type_spec ;

param_dcl : annotation_appl* param_attribute type_spec simple_declarator ;

param_attribute : 'in' | 'out' | 'inout' ;

raises_expr : 'raises' exception_list ;

exception_list : '(' scoped_name (',' scoped_name)* ')' ;

context_expr : 'context' '(' STRING_LITERAL (',' STRING_LITERAL)* ')' ;

attr_dcl : readonly='readonly'? 'attribute' type_spec simple_declarator (',' simple_declarator)* attr_raises? ;

attr_raises
    : 'raises' exception_list
    | 'getraises' exception_list ('setraises' exception_list)?
    | 'setraises' exception_list
    ;

// ---- types ------------------------------------------------------------------------------

type_dcl
    : constr_type_dcl
    | native_dcl
    | typedef_dcl
    ;

constr_type_dcl
    : struct_dcl
    | union_dcl
    | enum_dcl
    | bitset_dcl
    | bitmask_dcl
    ;

struct_dcl
    : 'struct' identifier (':' scoped_name)? '{' member* '}'   # structDef
    | 'struct' identifier                                      # structForward
    ;

member : annotation_appl* type_spec declarators ';' ;

union_dcl
    : 'union' identifier 'switch' '(' annotation_appl* type_spec ')' '{' case_+ '}'   # unionDef
    | 'union' identifier                                                            # unionForward
    ;

case_ : case_label+ annotation_appl* type_spec declarator ';' ;

case_label
    : 'case' const_exp ':'
    | 'default' ':'
    ;

enum_dcl : 'enum' identifier '{' enumerator (',' enumerator)* '}' ;

enumerator : annotation_appl* identifier ;

native_dcl : 'native' identifier ;

typedef_dcl : 'typedef' type_spec declarators ;

bitset_dcl : 'bitset' identifier skipped_tokens ;

bitmask_dcl : 'bitmask' identifier skipped_tokens ;

declarators : declarator (',' declarator)* ;

declarator : identifier fixed_array_size* ;

simple_declarator : identifier ;

fixed_array_size : '[' const_exp ']' ;

type_spec
    : base_type
    | template_type
    | scoped_name
    | constr_type_dcl
    ;

base_type
    : 'unsigned' 'short'
    | 'unsigned' 'long' 'long'
    | 'unsigned' 'long'
    | 'short'
    | 'long' 'long'
    | 'long' 'double'
    | 'long'
    | 'float'
    | 'double'
    | 'char'
    | 'wchar'
    | 'boolean'
    | 'octet'
    | 'any'
    | 'Object'
    | 'ValueBase'
    | 'int8' | 'int16' | 'int32' | 'int64'
    | 'uint8' | 'uint16' | 'uint32' | 'uint64'
    ;

template_type
    : 'sequence' '<' type_spec (',' const_exp)? '>'      # sequenceType
    | 'string' ('<' const_exp '>')?                      # stringType
    | 'wstring' ('<' const_exp '>')?                     # wideStringType
    | 'fixed' ('<' const_exp ',' const_exp '>')?         # fixedType
    | 'map' '<' type_spec ',' type_spec (',' const_exp)? '>'   # mapType
    ;

scoped_name : global='::'? identifier ('::' identifier)* ;

// ---- exceptions and constants -----------------------------------------------------------

except_dcl : 'exception' identifier '{' member* '}' ;

const_dcl : 'const' type_spec identifier '=' const_exp ;

const_exp : or_expr ;
or_expr : xor_expr ('|' xor_expr)* ;
xor_expr : and_expr ('^' and_expr)* ;
and_expr : shift_expr ('&' shift_expr)* ;
// Shifts are two tokens so that `sequence<sequence<long>>` closes two templates.
shift_expr : add_expr (shift_op add_expr)* ;
shift_op : '>' '>' | '<' '<' ;
add_expr : mult_expr (add_op=('+' | '-') mult_expr)* ;
mult_expr : unary_expr (mult_op=('*' | '/' | '%') unary_expr)* ;
unary_expr
    : unary_op=('-' | '+' | '~') unary_expr
    | primary_expr
    ;
primary_expr
    : scoped_name
    | literal
    | '(' const_exp ')'
    ;

literal
    : INTEGER_LITERAL
    | FLOATING_PT_LITERAL
    | FIXED_PT_LITERAL
    | CHARACTER_LITERAL
    | WIDE_CHARACTER_LITERAL
    | STRING_LITERAL+
    | WIDE_STRING_LITERAL+
    | 'TRUE'
    | 'FALSE'
    ;

// ---- annotations ------------------------------------------------------------------------

annotation_appl : '@' scoped_name ('(' annotation_params? ')')? ;

annotation_params
    : annotation_param (',' annotation_param)*
    | const_exp
    ;

annotation_param : identifier '=' const_exp ;

annotation_dcl : '@' 'annotation' identifier '{' annotation_member* '}' ;

annotation_member : type_spec identifier ('default' const_exp)? ';' ;

// ---- recognised only to be refused --------------------------------------------------------

unsupported_dcl
    : ('abstract' | 'custom')? 'valuetype' identifier skipped_tokens    # valuetypeDcl
    | 'eventtype' identifier skipped_tokens                           # eventtypeDcl
    | 'component' identifier skipped_tokens                           # componentDcl
    | 'home' identifier skipped_tokens                                # homeDcl
    | 'typeid' scoped_name STRING_LITERAL                             # typeidDcl
    | 'typeprefix' scoped_name STRING_LITERAL                         # typeprefixDcl
    | 'import' skipped_tokens                                         # importDcl
    ;

unsupported_export
    : 'typeid' scoped_name STRING_LITERAL                             # typeidExport
    | 'typeprefix' scoped_name STRING_LITERAL                         # typeprefixExport
    ;

// Everything up to the ';' that ends a declaration, with balanced braces.
skipped_tokens : (~(';' | '{' | '}'))* skipped_body? ;
skipped_body : '{' (skipped_body | ~('{' | '}'))* '}' ;

identifier : ID ;

// ---- tokens -----------------------------------------------------------------------------

// Only `#pragma version` and `#pragma ID` reach the parser; the preprocessing step consumes
// line markers and `#pragma prefix` and blanks every other pragma.
PRAGMA : '#' [ \t]* 'pragma' ~[\r\n]* ;

FIXED_PT_LITERAL
    : DIGITS ('.' DIGITS?)? [dD]
    | '.' DIGITS [dD]
    ;
FLOATING_PT_LITERAL
    : DIGITS '.' DIGITS? EXPONENT?
    | '.' DIGITS EXPONENT?
    | DIGITS EXPONENT
    ;
INTEGER_LITERAL
    : '0' [xX] [0-9a-fA-F]+
    | DIGITS
    ;
WIDE_CHARACTER_LITERAL : 'L' CHAR_BODY ;
CHARACTER_LITERAL : CHAR_BODY ;
WIDE_STRING_LITERAL : 'L' STRING_BODY ;
STRING_LITERAL : STRING_BODY ;

ID : [a-zA-Z_] [a-zA-Z0-9_]* ;

WS : [ \t\r\n\f\u000B]+ -> skip ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
// Any character no other rule takes becomes a token the parser reports as unexpected.
UNKNOWN_CHARACTER : . ;

fragment DIGITS : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
fragment CHAR_BODY : '\'' (ESCAPE | ~['\\\r\n]) '\'' ;
fragment STRING_BODY : '"' (ESCAPE | ~["\\\r\n])* '"' ;
fragment ESCAPE
    : '\\' [ntvbrfa\\?'"]
    | '\\' [0-7] [0-7]? [0-7]?
    | '\\x' [0-9a-fA-F] [0-9a-fA-F]?
    | '\\u' [0-9a-fA-F] [0-9a-fA-F]? [0-9a-fA-F]? [0-9a-fA-F]?
    ;
