from typing import Any

from django.db import migrations, models
from django.db.models import Count, IntegerField, Max, OuterRef, Subquery


def mark_revealed_days(apps: Any, schema_editor: Any) -> None:
    """Days both partners had answered already are revealed since the second answer."""
    DailyQuestion = apps.get_model("questions", "DailyQuestion")
    Answer = apps.get_model("questions", "Answer")
    of_the_day = Answer.objects.filter(daily=OuterRef("pk")).order_by().values("daily")
    count = of_the_day.annotate(n=Count("*")).values("n")
    last = of_the_day.annotate(last=Max("created_at")).values("last")
    # One statement, so a large database is never read into memory.
    DailyQuestion.objects.annotate(
        answer_count=Subquery(count, output_field=IntegerField())
    ).filter(answer_count__gte=2).update(revealed_at=Subquery(last))


class Migration(migrations.Migration):
    dependencies = [
        ("couples", "0001_initial"),
        ("questions", "0002_restrict_daily_question"),
    ]

    operations = [
        migrations.AddField(
            model_name="dailyquestion",
            name="revealed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="dailyquestion",
            name="streak",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(mark_revealed_days, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="dailyquestion",
            index=models.Index(
                condition=models.Q(("revealed_at__isnull", False)),
                fields=["couple", "-date"],
                name="revealed_days_of_couple",
            ),
        ),
    ]
