from qingzhuang.components import Component
from qingzhuang.jobs.models import Job
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U = Reach.UNIT

COMPONENT = Component(
    name="jobs",
    url_prefix="jobs",
    permissions={
        # Everyone sees the jobs they started (selectors.jobs_visible). This permission adds the jobs
        # started *for* the units a person oversees, through Job.unit: a county reviewer whose
        # assignment includes the units below sees the imports and reports run for them.
        "jobs.view": {
            Role.COUNTY_REVIEWER: U,
            Role.STREET_OFFICER: U,
            Role.DEPARTMENT_LEADER: U,
            Role.COMMUNITY_SECRETARY: U,
        },
    },
    # Scoped through the unit the job works for; a job without a unit is seen by its creator and administrators only.
    scoped_models={Job: ("unit",)},
)
