/* The cost a shell script pays per command: a static program that does
 * nothing. */
int main(void) { return 0; }
