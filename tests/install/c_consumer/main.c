/* An out-of-tree C host built with pkg-config against an installed appt. */
#include <stdio.h>
#include <string.h>

#include <appt/appt.h>

int main(void) {
  appt_engine *engine = NULL;
  if (appt_engine_open_memory(&engine, NULL) != APPT_OK) return 1;
  appt_resource_list list = APPT_RESOURCE_LIST_INIT;
  int rc = appt_resource_list_all(&list, engine);
  const size_t count = list.count;
  appt_resource_list_dispose(&list);
  appt_engine_free(engine);
  if (rc != APPT_OK || strcmp(appt_version(), APPT_VERSION) != 0) return 1;
  printf("c consumer: appt %s, %zu resources\n", appt_version(), count);
  return 0;
}
