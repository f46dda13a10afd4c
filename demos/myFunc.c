/* placeholder until the demos land */
typedef int ps_demo_placeholder;
