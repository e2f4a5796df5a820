/*
 * The Verity experiment language. Syntax only: no actions or predicates; names, kinds, types and ranges are
 * checked by the dsl module. Newlines end statements and settings, and are allowed inside parentheses and blocks.
 */
grammar Verity;

// ---------------------------------------------------------------------------------------------------------------
// Start rules

program
    : NL* (statement (NL+ statement)*)? NL* EOF
    ;

// A built-in's default value, parsed alone.
singleExpression
    : NL* expr NL* EOF
    ;

// The value of a `--set name=value` override, parsed alone: whatever a block's setting takes after its colon, so
// `--set rl.eval=add_test with greedy every 25` reads as `eval: add_test with greedy every 25` does.
overrideValue
    : NL* value=expr (WITH sampling=expr)? (EVERY every=expr)? NL* EOF
    ;

// ---------------------------------------------------------------------------------------------------------------
// Statements

// A stage or eval reads `MODEL on TASK` or `LABEL: MODEL on TASK`: written as one name then an optional second,
// so that a missing `on` is reported as such rather than as a missing name.
statement
    : EXPERIMENT name=STRING (SEED seed=expr)?                                           # experimentStmt
    | kind=(TASK | MODEL | REWARD | SAMPLING) name=ID ASSIGN value=expr                  # declareStmt
    | CHECK value=expr                                                                   # checkStmt
    | kind=(SFT | RL) first=ID (COLON second=ID)? ON task=ID body=block                  # stageStmt
    | EVAL first=ID (COLON second=ID)? ON task=ID (WITH sampling=expr)? body=block?      # evalStmt
    | PLOT metrics=nameList BY axis=ID (FOR sources=nameList)?                           # plotStmt
    | TABLE source=expr (FOR sources=nameList)?                                          # tableStmt
    | SAVE model=ID TO path=STRING                                                       # saveStmt
    | LOAD model=ID FROM path=STRING                                                     # loadStmt
    ;

nameList
    : names+=ID (COMMA names+=ID)*
    ;

block
    : LBRACE NL* (settings+=setting ((NL | COMMA)+ settings+=setting)* (NL | COMMA)*)? RBRACE
    ;

setting
    : key=word COLON value=expr (WITH sampling=expr)? (EVERY every=expr)?
    ;

// Setting keys and argument names may be keywords (`reward: correct`, `k3(0.01, to: reference)`).
word
    : ID
    | EXPERIMENT | SEED | TASK | MODEL | REWARD | CHECK | SAMPLING | SFT | RL | EVAL | PLOT | TABLE | SAVE
    | LOAD | ON | WITH | EVERY | BY | FOR | TO | FROM | IF | THEN | ELSE | AND | OR
    ;

// ---------------------------------------------------------------------------------------------------------------
// Expressions, loosest binding last

expr
    : op=MINUS operand=expr                                                              # negate
    | left=expr op=(STAR | SLASH) right=expr                                             # binary
    | left=expr op=(PLUS | MINUS) right=expr                                             # binary
    | left=expr op=(EQ | NE | LT | LE | GT | GE) right=expr                              # binary
    | left=expr op=AND right=expr                                                        # binary
    | left=expr op=OR right=expr                                                         # binary
    | <assoc=right> from=expr ARROW to=expr                                              # arrow
    | IF condition=expr THEN then=expr ELSE otherwise=expr                               # ifThenElse
    | low=NUMBER DOTDOT high=NUMBER                                                      # range
    | NUMBER                                                                             # number
    | STRING                                                                             # string
    | REGEX                                                                              # regex
    | callee=ID LPAREN NL* (args+=argument (NL* COMMA NL* args+=argument)* (NL* COMMA)?)? NL* RPAREN # call
    | ID                                                                                 # reference
    | LPAREN NL* inner=expr NL* RPAREN                                                   # paren
    ;

argument
    : (name=word COLON)? value=expr
    ;

// ---------------------------------------------------------------------------------------------------------------
// Tokens

EXPERIMENT : 'experiment' ;
SEED       : 'seed' ;
TASK       : 'task' ;
MODEL      : 'model' ;
REWARD     : 'reward' ;
CHECK      : 'check' ;
SAMPLING   : 'sampling' ;
SFT        : 'sft' ;
RL         : 'rl' ;
EVAL       : 'eval' ;
PLOT       : 'plot' ;
TABLE      : 'table' ;
SAVE       : 'save' ;
LOAD       : 'load' ;
ON         : 'on' ;
WITH       : 'with' ;
EVERY      : 'every' ;
BY         : 'by' ;
FOR        : 'for' ;
TO         : 'to' ;
FROM       : 'from' ;
IF         : 'if' ;
THEN       : 'then' ;
ELSE       : 'else' ;
AND        : 'and' ;
OR         : 'or' ;

ARROW  : '->' ;
DOTDOT : '..' ;
EQ     : '==' ;
NE     : '!=' ;
LE     : '<=' ;
GE     : '>=' ;
LT     : '<' ;
GT     : '>' ;
ASSIGN : '=' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
SLASH  : '/' ;
COLON  : ':' ;
COMMA  : ',' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACE : '{' ;
RBRACE : '}' ;

// `2..6` lexes as NUMBER DOTDOT NUMBER: a fraction needs a digit after its dot.
NUMBER : DIGIT+ ('.' DIGIT+)? ([eE] [+-]? DIGIT+)? ;
// A raw string: backslashes are kept as written, so `re"^[0-9]+\.$"` reaches the regex engine unchanged.
REGEX  : 're"' ~["\r\n]* '"' ;
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
ID     : [a-zA-Z_] [a-zA-Z_0-9]* ;

NL      : '\r'? '\n' | '\r' ;
WS      : [ \t\f]+ -> skip ;
COMMENT : '#' ~[\r\n]* -> skip ;

// Never a lexer error: unfinished strings and stray characters become tokens the parser reports with a fix.
UNTERMINATED_REGEX  : 're"' ~["\r\n]* ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'? ;
// Curly quotes (pasted from a word processor) around a string: one token, so one error that says to straighten
// them, instead of one for each quote.
CURLY_STRING        : [\u201C\u201D\u201E] ~[\u201C\u201D"\r\n]* [\u201C\u201D"] ;
UNKNOWN_CHAR        : . ;

fragment DIGIT : [0-9] ;
